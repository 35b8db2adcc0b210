#include "classifier/word_index.h"

#include <algorithm>
#include <cassert>

namespace schoolmod::moderation::classifier {
namespace {

std::uint32_t TableSize(std::size_t entries) {
  std::uint32_t size = 16;
  while (size < entries * 2) size <<= 1;  // at most half full: short probe sequences
  return size;
}

std::uint64_t Mix(std::uint64_t key) {
  key ^= key >> 33;
  key *= 0xff51afd7ed558ccdULL;
  key ^= key >> 33;
  return key;
}

// Whether the text's repeats fit the word's: equal, or stretched to three or more.
bool RunsFit(const std::uint8_t* want, const MatchChar* got, std::uint32_t length, bool exact) {
  for (std::uint32_t k = 0; k < length; ++k) {
    if (got[k].run == want[k]) continue;
    if (exact || got[k].run < 3 || got[k].run < want[k]) return false;
  }
  return true;
}

// Words are short: a byte loop beats a call to memcmp.
bool TextEquals(const char* a, std::string_view b) {
  for (std::size_t k = 0; k < b.size(); ++k) {
    if (a[k] != b[k]) return false;
  }
  return true;
}

}  // namespace

std::uint32_t& WordTable::BuildingSlot(std::string_view squeezed, std::uint32_t hash) {
  const std::size_t mask = building_.size() - 1;
  for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    const std::uint32_t id = building_[slot];
    if (id == kNoWord || (words_[id].length == squeezed.size() &&
                          TextEquals(pool_.data() + words_[id].text, squeezed))) {
      return building_[slot];
    }
  }
}

std::uint32_t WordTable::Add(std::string_view squeezed, std::span<const std::uint8_t> runs) {
  assert(slots_.empty() && "Add() after Finish()");
  assert(runs.size() == squeezed.size());
  if ((texts_ + 1) * 2 > building_.size()) {
    // Grow, keeping the table at most half full.
    std::vector<std::uint32_t> old = std::move(building_);
    building_.assign(std::max<std::size_t>(1024, old.size() * 2), kNoWord);
    for (const std::uint32_t id : old) {
      if (id != kNoWord) BuildingSlot(text(id), HashWord(text(id))) = id;
    }
  }
  std::uint32_t& newest = BuildingSlot(squeezed, HashWord(squeezed));
  for (std::uint32_t w = newest; w != kNoWord; w = words_[w].next) {
    if (std::equal(runs.begin(), runs.end(), runs_.begin() + words_[w].runs)) return w;
  }
  if (newest == kNoWord) ++texts_;
  Word word;
  word.text = static_cast<std::uint32_t>(pool_.size());
  word.length = static_cast<std::uint32_t>(squeezed.size());
  word.runs = static_cast<std::uint32_t>(runs_.size());
  word.next = newest;
  pool_.append(squeezed);
  runs_.insert(runs_.end(), runs.begin(), runs.end());
  const auto id = static_cast<std::uint32_t>(words_.size());
  words_.push_back(word);
  newest = id;
  return id;
}

void WordTable::Finish() {
  const std::uint32_t size = TableSize(texts_);
  mask_ = size - 1;
  slots_.assign(size, Slot{});
  first_.assign(size, kNoWord);
  slot_of_single_.assign(words_.size(), kNoWord);
  infos_.assign(words_.size(), WordInfo{});
  for (const std::uint32_t first : building_) {
    if (first == kNoWord) continue;
    const std::string_view text = this->text(first);
    const std::uint32_t hash = HashWord(text);
    std::uint32_t slot = hash & mask_;
    while (slots_[slot].key != 0) slot = (slot + 1) & mask_;
    std::uint32_t single = kNoWord;
    for (std::uint32_t id = first; id != kNoWord; id = words_[id].next) {
      const std::uint8_t* runs = runs_.data() + words_[id].runs;
      if (std::all_of(runs, runs + words_[id].length, [](std::uint8_t r) { return r == 1; })) {
        single = id;
      }
    }
    slots_[slot] = Slot{WordKey(text), hash, single, WordInfo{}};
    first_[slot] = first;
    if (single != kNoWord) slot_of_single_[single] = slot;
  }
  building_.clear();
  building_.shrink_to_fit();

  // The exact spellings of short words with repeats ("good" is "god" with o twice).
  std::vector<std::pair<std::uint64_t, std::uint32_t>> exact;
  for (std::uint32_t id = 0; id < words_.size(); ++id) {
    const Word& w = words_[id];
    std::string plain;
    for (std::uint32_t k = 0; k < w.length && plain.size() < 8; ++k) {
      plain.append(runs_[w.runs + k], pool_[w.text + k]);
    }
    if (plain.size() < 8 && plain.size() > w.length) exact.emplace_back(WordKey(plain), id);
  }
  const std::uint32_t exact_size = TableSize(exact.size());
  exact_mask_ = exact_size - 1;
  exact_.assign(exact_size, ExactSlot{});
  exact_of_.assign(words_.size(), kNoWord);
  for (const auto& [key, id] : exact) {
    std::uint64_t slot = HashKey(key) & exact_mask_;
    while (exact_[slot].key != 0) slot = (slot + 1) & exact_mask_;
    exact_[slot].key = key;
    exact_[slot].word = id;
    exact_of_[id] = static_cast<std::uint32_t>(slot);
  }
}

void WordTable::SetInfo(std::uint32_t id, const WordInfo& info) {
  infos_[id] = info;
  if (slot_of_single_[id] != kNoWord) slots_[slot_of_single_[id]].info = info;
  if (exact_of_[id] != kNoWord) exact_[exact_of_[id]].info = info;
}

std::uint32_t WordTable::FindSlow(std::string_view squeezed, const MatchChar* chars,
                                  std::uint32_t hash, std::uint64_t key, bool single,
                                  const WordInfo** info) const {
  *info = nullptr;
  if (slots_.empty()) return kNoWord;
  std::uint32_t slot = hash & mask_;
  while (true) {
    const Slot& s = slots_[slot];
    if (s.key == 0) return kNoWord;
    if (s.hash == hash && s.key == key) {
      const std::uint32_t first = first_[slot];
      const Word& w = words_[first];
      // A short text's key is the text; a long one is compared in full.
      if (key != kLongWordKey ||
          (w.length == squeezed.size() && TextEquals(pool_.data() + w.text, squeezed))) {
        // No repeats in the text: only the word without repeats fits, exactly.
        if (single) {
          if (s.single != kNoWord) *info = &s.info;
          return s.single;
        }
        for (bool exact : {true, false}) {
          for (std::uint32_t id = first; id != kNoWord; id = words_[id].next) {
            if (RunsFit(runs_.data() + words_[id].runs, chars, w.length, exact)) {
              *info = &infos_[id];
              return id;
            }
          }
        }
        return kNoWord;
      }
    }
    slot = (slot + 1) & mask_;
  }
}

std::uint32_t PhraseMatcher::EdgeSlot(std::uint64_t key) const {
  std::uint64_t slot = Mix(key) & (edge_keys_.size() - 1);
  while (edge_keys_[slot] != kEmpty && edge_keys_[slot] != key) {
    slot = (slot + 1) & (edge_keys_.size() - 1);
  }
  return static_cast<std::uint32_t>(slot);
}

std::uint32_t PhraseMatcher::Add(std::span<const std::uint32_t> words) {
  assert(table_.empty() && "Add() after Build()");
  std::uint32_t state = 0;
  for (std::uint32_t w : words) {
    if ((edge_count_ + 1) * 2 > edge_keys_.size()) {
      // Grow, keeping the table at most half full.
      std::vector<std::uint64_t> keys = std::move(edge_keys_);
      std::vector<std::uint32_t> children = std::move(edge_children_);
      edge_keys_.assign(std::max<std::size_t>(1024, keys.size() * 2), kEmpty);
      edge_children_.assign(edge_keys_.size(), 0);
      for (std::size_t k = 0; k < keys.size(); ++k) {
        if (keys[k] == kEmpty) continue;
        const std::uint32_t slot = EdgeSlot(keys[k]);
        edge_keys_[slot] = keys[k];
        edge_children_[slot] = children[k];
      }
    }
    const std::uint64_t key = Key(state, w);
    const std::uint32_t slot = EdgeSlot(key);
    if (edge_keys_[slot] == kEmpty) {
      const auto child = static_cast<std::uint32_t>(terminal_.size());
      edge_keys_[slot] = key;
      edge_children_[slot] = child;
      ++edge_count_;
      next_sibling_.push_back(first_child_[state]);
      first_child_[state] = child;
      first_child_.push_back(0);
      word_into_.push_back(w);
      terminal_.push_back(-1);
    }
    state = edge_children_[slot];
  }
  if (terminal_[state] >= 0) return static_cast<std::uint32_t>(terminal_[state]);
  const auto id = static_cast<std::uint32_t>(lengths_.size());
  lengths_.push_back(static_cast<std::uint32_t>(words.size()));
  terminal_[state] = static_cast<std::int32_t>(id);
  return id;
}

std::uint32_t PhraseMatcher::NextDeep(std::uint32_t state, std::uint32_t word) const {
  const std::uint64_t key = Key(state, word);
  std::uint64_t slot = Mix(key) & mask_;
  while (true) {
    const std::uint64_t s = table_[slot];
    if (s == kEmpty) return 0;
    if ((s >> 24) == key) return static_cast<std::uint32_t>(s & 0xFFFFFF);
    slot = (slot + 1) & mask_;
  }
}

void PhraseMatcher::Build() {
  const std::size_t n = terminal_.size();
  assert(n < (1u << 20) && "too many phrase states for the packed table");
  // Children of a state, newest first (their order changes no match: the table is looked up by
  // key, and each state's outputs depend only on its failure link).
  auto for_children = [&](std::uint32_t state, auto&& visit) {
    for (std::uint32_t c = first_child_[state]; c != 0; c = next_sibling_[c]) visit(word_into_[c], c);
  };
  std::size_t edges = 0;
  for (std::uint32_t state = 1; state < n; ++state) {
    const std::uint32_t c = first_child_[state];
    if (c != 0 && next_sibling_[c] != 0) for_children(state, [&](std::uint32_t, std::uint32_t) { ++edges; });
  }
  const std::uint32_t size = TableSize(edges);
  mask_ = size - 1;
  table_.assign(size, kEmpty);
  states_.assign(n, State{});
  // word_into_[0] is the root's kNoWord.
  deep_.assign(n > 1 ? *std::max_element(word_into_.begin() + 1, word_into_.end()) + 1 : 0, 0);
  for (std::uint32_t state = 1; state < n; ++state) {
    const std::uint32_t first = first_child_[state];
    if (first == 0) continue;
    if (next_sibling_[first] == 0) {
      states_[state].word = word_into_[first];
      states_[state].child = first;
      deep_[word_into_[first]] = 1;
      continue;
    }
    states_[state].word = kManyChildren;
    for_children(state, [&](std::uint32_t word, std::uint32_t child) {
      assert(word < (1u << 20));
      std::uint64_t slot = Mix(Key(state, word)) & mask_;
      while (table_[slot] != kEmpty) slot = (slot + 1) & mask_;
      table_[slot] = (Key(state, word) << 24) | child;
      deep_[word] = 1;
    });
  }
  for_children(0, [&](std::uint32_t word, std::uint32_t child) {
    if (word >= root_.size()) root_.resize(word + 1, 0);
    root_[word] = child;
  });
  // Failure links, breadth first so a state's failure target is finished before it.
  std::vector<std::uint32_t> order;
  order.reserve(n);
  for_children(0, [&](std::uint32_t, std::uint32_t child) { order.push_back(child); });
  for (std::size_t head = 0; head < order.size(); ++head) {
    const std::uint32_t state = order[head];
    for_children(state, [&](std::uint32_t word, std::uint32_t child) {
      std::uint32_t f = states_[state].fail;
      while (true) {
        const std::uint32_t next = Next(f, word);
        if (next != 0 && next != child) {
          states_[child].fail = next;
          break;
        }
        if (f == 0) break;
        f = states_[f].fail;
      }
      order.push_back(child);
    });
  }
  // A state's outputs: the phrase ending there, then its failure target's. Counted first (in
  // breadth-first order, failure targets before the states that fall back to them), laid out
  // by state, then filled in the same order.
  std::vector<std::uint32_t> count(n, 0);
  auto own = [&](std::uint32_t state) { return terminal_[state] >= 0 ? 1u : 0u; };
  count[0] = own(0);
  for (std::uint32_t state : order) count[state] = own(state) + count[states_[state].fail];
  std::uint32_t total = 0;
  for (std::size_t s = 0; s < n; ++s) {
    assert(count[s] < 256 && total < (1u << 24));
    states_[s].outputs = (total << 8) | count[s];
    total += count[s];
  }
  out_.assign(total, 0);
  auto fill = [&](std::uint32_t state) {
    std::uint32_t at = states_[state].outputs >> 8;
    if (own(state)) out_[at++] = static_cast<std::uint32_t>(terminal_[state]);
    if (state == 0) return;
    const std::uint32_t from = states_[states_[state].fail].outputs;
    std::copy_n(out_.begin() + (from >> 8), from & 0xFF, out_.begin() + at);
  };
  fill(0);
  for (std::uint32_t state : order) fill(state);
  for (auto* v : {&first_child_, &next_sibling_, &word_into_}) {
    v->clear();
    v->shrink_to_fit();
  }
  edge_keys_.clear();
  edge_keys_.shrink_to_fit();
  edge_children_.clear();
  edge_children_.shrink_to_fit();
  terminal_.clear();
  terminal_.shrink_to_fit();
}

}  // namespace schoolmod::moderation::classifier
