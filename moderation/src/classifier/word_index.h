#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "classifier/normalizer.h"

// Word-level matching. Most of what the classifier looks for is whole words ("twat", "teacher")
// and phrases of whole words ("watch your back"): matching them a word at a time (a hash lookup
// per token, then Aho-Corasick over word ids) keeps the tables small enough to stay in cache,
// where a character automaton over twenty thousand phrases would not.
namespace schoolmod::moderation::classifier {

inline constexpr std::uint32_t kNoWord = 0xFFFFFFFF;

// What the lexicon keeps per word for annotating a token with it: the word classes it gives, its
// other entries (an offset and a count, packed as begin << 8 | count; a count of 255 means "look
// them up by id") and its phrase facts (the phrase trie's root child for it, bit 31 set when some
// phrase has the word after its first).
struct WordInfo {
  std::uint64_t classes = 0;
  std::uint32_t entries = 0;
  std::uint32_t phrase = 0;
};

// A word is its squeezed text plus its letters' repeat counts, so "as" and "ass" are different
// words with the same squeezed text "as".
class WordTable {
 public:
  // The id of the word, adding it if new. Only before Finish().
  std::uint32_t Add(std::string_view squeezed, std::span<const std::uint8_t> runs);
  // Builds the hash index. Call once, after the last Add().
  void Finish();

  // The word spelt by `squeezed` whose repeats `chars` has (chars[k].run for each character): an
  // exact match, else one the text stretches ("fuuuck" has u three times or more), else kNoWord.
  std::uint32_t Find(std::string_view squeezed, const MatchChar* chars) const {
    bool single = true;
    for (std::size_t k = 0; k < squeezed.size(); ++k) single &= chars[k].run == 1;
    const WordInfo* info;
    return Find(squeezed, chars, HashWord(squeezed), WordKey(squeezed), kLongWordKey, single,
                &info);
  }
  // The same with the text's HashWord and WordKey already known (Token::hash, Token::text_key)
  // and the WordKey of the text with its repeats (Token::word_key, or kLongWordKey); `single`
  // says no character of the text is repeated, which settles the repeats at once. Sets *info to
  // the word's WordInfo (from the same cache line as the lookup, for most tokens).
  std::uint32_t Find(std::string_view squeezed, const MatchChar* chars, std::uint32_t hash,
                     std::uint64_t key, std::uint64_t plain_key, bool single,
                     const WordInfo** info) const {
    // Most tokens are short words without a repeated letter: their key is their text, so the
    // probe alone settles them. Inline, as it runs for every token.
    if (single && key != kLongWordKey && !slots_.empty()) {
      for (std::uint32_t slot = hash & mask_;; slot = (slot + 1) & mask_) {
        const Slot& s = slots_[slot];
        if (s.key == key) {
          *info = s.single != kNoWord ? &s.info : nullptr;
          return s.single;
        }
        if (s.key == 0) {
          *info = nullptr;
          return kNoWord;
        }
      }
    }
    // A short word with a repeated letter ("good", "all"): its exact spelling, repeats and all,
    // is one word or none, found by its key. Only a stretched spelling needs the slow search.
    if (!single && plain_key != kLongWordKey && !exact_.empty()) {
      for (std::uint64_t slot = HashKey(plain_key) & exact_mask_;; slot = (slot + 1) & exact_mask_) {
        const ExactSlot& s = exact_[slot];
        if (s.key == plain_key) {
          *info = &s.info;
          return s.word;
        }
        if (s.key == 0) break;
      }
    }
    return FindSlow(squeezed, chars, hash, key, single, info);
  }
  // Starts loading the slot a text with this HashWord probes first, so that a run of lookups
  // waits on memory once rather than once per word.
  void Prefetch(std::uint32_t hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[hash & mask_]);
  }
  // Attaches the lexicon's facts to a word. After Finish().
  void SetInfo(std::uint32_t id, const WordInfo& info);
  const WordInfo& info(std::uint32_t id) const { return infos_[id]; }

  // The finished table's fields, for snapshot.h.
  template <typename Self, typename Archive>
  static void Transfer(Self& self, Archive& a) {
    a(self.pool_);
    a(self.runs_);
    a(self.words_);
    a(self.slots_);
    a(self.first_);
    a(self.slot_of_single_);
    a(self.infos_);
    a(self.exact_);
    a(self.exact_mask_);
    a(self.exact_of_);
    a(self.mask_);
  }

  std::size_t size() const { return words_.size(); }
  // The word's squeezed text.
  std::string_view text(std::uint32_t id) const {
    return std::string_view(pool_).substr(words_[id].text, words_[id].length);
  }
  // How many times each of its characters is repeated.
  std::span<const std::uint8_t> runs(std::uint32_t id) const {
    return std::span<const std::uint8_t>(runs_).subspan(words_[id].runs, words_[id].length);
  }

 private:
  struct Word {
    std::uint32_t text = 0;  // offset into pool_
    std::uint32_t length = 0;
    std::uint32_t runs = 0;  // offset into runs_
    std::uint32_t next = kNoWord;  // next word with the same text
  };

  std::string pool_;
  std::vector<std::uint8_t> runs_;
  std::uint32_t FindSlow(std::string_view squeezed, const MatchChar* chars, std::uint32_t hash,
                         std::uint64_t key, bool single, const WordInfo** info) const;

  std::vector<Word> words_;
  // Until Finish(): open addressing by HashWord, the newest word with each text (kNoWord: empty).
  std::vector<std::uint32_t> building_;
  std::size_t texts_ = 0;  // distinct texts added
  std::uint32_t& BuildingSlot(std::string_view squeezed, std::uint32_t hash);
  // Open addressing, one 32-byte slot per probe: the text's WordKey (0: empty slot) and
  // HashWord, which settle a short text without touching the word list, and the text's word
  // with no repeated letter (kNoWord if none) with its WordInfo, which is the answer for most
  // tokens. first_[slot] is the first word with the text, for the rest.
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t hash = 0;
    std::uint32_t single = kNoWord;
    WordInfo info;
  };
  static_assert(sizeof(Slot) == 32);
  static_assert(std::has_unique_object_representations_v<Slot>);
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> first_;
  std::vector<std::uint32_t> slot_of_single_;  // by word id: the slot where it is `single`, or kNoWord
  std::vector<WordInfo> infos_;                // by word id
  // Words of under 8 letters with a repeated one, by the WordKey of their spelling with repeats.
  struct ExactSlot {
    std::uint64_t key = 0;  // 0: empty
    std::uint32_t word = kNoWord;
    std::uint32_t spare = 0;  // explicit, so that a snapshot of the slot has no padding
    WordInfo info;
  };
  static_assert(std::has_unique_object_representations_v<ExactSlot>);
  std::vector<ExactSlot> exact_;
  std::uint64_t exact_mask_ = 0;
  std::vector<std::uint32_t> exact_of_;  // by word id: its slot in exact_, or kNoWord
  std::uint32_t mask_ = 0;
};

// Aho-Corasick over word ids: finds every phrase (a sequence of two or more words).
class PhraseMatcher {
 public:
  // The id of the phrase, adding it if new. Only before Build().
  std::uint32_t Add(std::span<const std::uint32_t> words);
  // States and words are packed into 20 bits each in the transition table.
  static constexpr std::size_t kMaxStates = std::size_t{1} << 20;
  // Whether Build() can pack what was added; the lexicon reports it as an error rather than
  // building a table that would confuse phrases.
  bool fits() const { return terminal_.size() < kMaxStates; }
  void Build();

  std::uint32_t length(std::uint32_t phrase) const { return lengths_[phrase]; }
  std::size_t state_count() const { return states_.size(); }

  // The built matcher's fields, for snapshot.h.
  template <typename Self, typename Archive>
  static void Transfer(Self& self, Archive& a) {
    a(self.root_);
    a(self.deep_);
    a(self.table_);
    a(self.mask_);
    a(self.states_);
    a(self.lengths_);
    a(self.out_);
  }

  // Calls on_match(phrase, end) for every occurrence in `words` (one id per token, kNoWord for a
  // word in no phrase), `end` one past its last token. Thread-safe after Build().
  // `facts` holds each token's WordInfo::phrase (PhraseFacts of its word).
  template <typename OnMatch>
  void Scan(std::span<const std::uint32_t> words, std::span<const std::uint32_t> facts,
            OnMatch&& on_match) const {
    std::uint32_t state = 0;
    for (std::size_t i = 0; i < words.size(); ++i) {
      const std::uint32_t w = words[i];
      if (w == kNoWord) {
        state = 0;
        continue;
      }
      // A word that only ever starts a phrase leads from any state to the root's child: the
      // failure chain would end there anyway.
      const std::uint32_t fact = facts[i];
      if (state == 0 || !(fact & kDeepBit)) {
        state = fact & kRootChildMask;
        // A root child is one word in: no phrase of two or more words ends there, and the word's
        // facts say whether a phrase of one word does, without loading the state.
        if (!(fact & kRootOutputsBit)) continue;
      } else {
        state = Step(state, w);
      }
      const std::uint32_t outputs = states_[state].outputs;
      for (std::uint32_t k = outputs >> 8, end = k + (outputs & 0xFF); k < end; ++k) {
        on_match(out_[k], i + 1);
      }
    }
  }

  // A word's WordInfo::phrase: its root child, kDeepBit if it follows another word in some
  // phrase, kRootOutputsBit if its root child has outputs. Valid after Build().
  static constexpr std::uint32_t kDeepBit = 0x80000000u;
  // Bits the scan ignores, left to the lexicon (kGraphStartBit, kNoStemBit in lexicon.cc).
  static constexpr std::uint32_t kSpareBit = 0x40000000u;
  static constexpr std::uint32_t kSpareBit2 = 0x10000000u;
  static constexpr std::uint32_t kRootOutputsBit = 0x20000000u;
  static constexpr std::uint32_t kRootChildMask = 0x0FFFFFFFu;
  static_assert(kMaxStates <= kRootChildMask);
  std::uint32_t PhraseFacts(std::uint32_t word) const {
    const std::uint32_t root = word < root_.size() ? root_[word] : 0;
    const bool deep = word < deep_.size() && deep_[word];
    const bool outputs = root != 0 && (states_[root].outputs & 0xFF) != 0;
    return root | (deep ? kDeepBit : 0) | (outputs ? kRootOutputsBit : 0);
  }

 private:
  // The state after `state` (not the root) reads `w`, following failure links.
  std::uint32_t Step(std::uint32_t state, std::uint32_t w) const {
    while (true) {
      const std::uint32_t next = Next(state, w);
      if (next != 0) return next;
      if (state == 0) return 0;
      state = states_[state].fail;
    }
  }

  // A transition packed in 64 bits: state (20 bits), word (20 bits), next state (24 bits), so the
  // table stays small.
  static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};
  static std::uint64_t Key(std::uint32_t state, std::uint32_t word) {
    return (std::uint64_t{state} << 20) | word;
  }
  std::uint32_t Next(std::uint32_t state, std::uint32_t word) const {
    // Every token starts at the root: its transitions are a plain array by word id.
    if (state == 0) return word < root_.size() ? root_[word] : 0;
    // Most other states have one child at most, kept with the state.
    const State& s = states_[state];
    if (s.word == word) return s.child;
    return s.word == kManyChildren ? NextDeep(state, word) : 0;
  }
  std::uint32_t NextDeep(std::uint32_t state, std::uint32_t word) const;

  // What a scan needs of a state, in one place: its only child (word kNoWord: none; word
  // kManyChildren: look in table_), its failure link and its outputs, out_[outputs >> 8 ..] and
  // (outputs & 0xFF) of them.
  static constexpr std::uint32_t kManyChildren = 0xFFFFFFFE;
  struct State {
    std::uint32_t word = kNoWord;
    std::uint32_t child = 0;
    std::uint32_t fail = 0;
    std::uint32_t outputs = 0;
  };

  // While building, in flat arrays (tens of thousands of states, each a few words): the edges
  // as an open-addressed table of Key(state, word) -> child, each state's children as a list
  // through first_child_ and next_sibling_, the word leading to each state, the phrase ending at
  // each state. A phrase added twice ends at the same state and keeps its first id.
  std::uint32_t EdgeSlot(std::uint64_t key) const;
  std::vector<std::uint64_t> edge_keys_;
  std::vector<std::uint32_t> edge_children_;
  std::size_t edge_count_ = 0;
  std::vector<std::uint32_t> first_child_{0};
  std::vector<std::uint32_t> next_sibling_{0};
  std::vector<std::uint32_t> word_into_{kNoWord};
  std::vector<std::int32_t> terminal_{-1};

  std::vector<std::uint32_t> root_;  // root transitions by word id, 0 for none
  std::vector<std::uint8_t> deep_;   // by word id: 1 if some phrase has the word after its first
  std::vector<std::uint64_t> table_;  // of states with several children: Key << 24 | next, or kEmpty
  std::uint64_t mask_ = 0;
  std::vector<State> states_;
  std::vector<std::uint32_t> lengths_;
  std::vector<std::uint32_t> out_;
};

}  // namespace schoolmod::moderation::classifier
