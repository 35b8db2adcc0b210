#include "classifier/lexicon.h"

#include <algorithm>
#include <utility>
#include <unordered_set>

#include "classifier/data_file.h"
#include "schoolmod/config/config.h"

namespace schoolmod::moderation::classifier {
namespace {

constexpr NormalizeOptions kTermOptions{.join_split_letters = false,
                                        .leetspeak = false,
                                        .emoji_names = true};

// Phrases with more combinations than this become word graphs (word_graph.h) rather than being
// expanded into the phrase trie. Few phrases have so many, so the trie still finds nearly every
// phrase on its own, and building stays quick. Ways are counted in 32 bits: hence the cap.
constexpr std::uint64_t kWordGraphAbove = 24;
constexpr std::uint64_t kWordGraphMost = 0xFFFFFFFF;
// In a word's WordInfo::phrase: some word graph starts with the word, so a comment without such
// a word needs no graph scan. The phrase trie ignores the bit.
constexpr std::uint32_t kGraphStartBit = PhraseMatcher::kSpareBit;
// In a word's WordInfo::phrase: no stem or "any" term's walk from the word's start gets past
// its letters (Automaton::StopsWithin), so a token of the word (or of the word and "'s") is not
// walked from its start.
constexpr std::uint32_t kNoStemBit = PhraseMatcher::kSpareBit2;

std::optional<MatchMode> ParseMode(std::string_view s) {
  if (s == "word") return MatchMode::kWord;
  if (s == "stem") return MatchMode::kStem;
  if (s == "any") return MatchMode::kAny;
  return std::nullopt;
}

std::vector<std::string_view> SplitList(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  while (true) {
    std::size_t at = s.find(sep);
    std::string_view item = s.substr(0, at);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.push_back(item);
    if (at == std::string_view::npos) break;
    s.remove_prefix(at + 1);
  }
  return out;
}

// The categories a school may add terms to: the ones that make a comment unacceptable.
bool IsTermCategory(Category c) {
  return c != Category::kComplaint && c != Category::kQuery && c != Category::kPraise &&
         c != Category::kNeutral;
}

}  // namespace

namespace {

// What is left to expand after the text being expanded: a group's option is followed by the
// rest of its phrase, and that by whatever followed the group it sits in.
struct Rest {
  std::string_view text;
  const Rest* next;
};

// Appends each combination of `rest` to `prefix` in turn and calls `visit(prefix)`, restoring
// `prefix` after each. Returns false as soon as `visit` does. One buffer serves every
// combination, so a phrase with thousands of them makes no string per combination.
template <typename Visit>
bool ExpandInto(const Rest* rest, std::string& prefix, Visit& visit) {
  if (rest == nullptr) return visit(static_cast<const std::string&>(prefix));
  const std::string_view phrase = rest->text;
  const std::size_t kept = prefix.size();
  const std::size_t open = phrase.find('(');
  // The matching parenthesis, and the top-level '|' between them: groups may nest,
  // "(say|tell (me|us)) why".
  std::size_t close = open;
  if (open != std::string_view::npos) {
    int depth = 0;
    for (std::size_t i = open; i < phrase.size(); ++i) {
      if (phrase[i] == '(') ++depth;
      if (phrase[i] == ')' && --depth == 0) {
        close = i;
        break;
      }
    }
  }
  if (open == std::string_view::npos || close == open) {  // no group, or unbalanced: literal
    prefix.append(phrase);
    const bool more = ExpandInto(rest->next, prefix, visit);
    prefix.resize(kept);
    return more;
  }
  prefix.append(phrase.substr(0, open));
  const Rest after{phrase.substr(close + 1), rest->next};
  std::size_t start = open + 1;
  int depth = 0;
  for (std::size_t i = open + 1; i <= close; ++i) {
    if (phrase[i] == '(') ++depth;
    if (phrase[i] == ')') --depth;
    if (i == close || (phrase[i] == '|' && depth == 0)) {
      const Rest option{phrase.substr(start, i - start), &after};
      if (!ExpandInto(&option, prefix, visit)) {
        prefix.resize(kept);
        return false;
      }
      start = i + 1;
    }
  }
  prefix.resize(kept);
  return true;
}

// Calls `visit(variant)` for each combination of `phrase`, in ExpandAlternatives' order, until
// it returns false. Returns whether every combination was visited.
template <typename Visit>
bool ForEachAlternative(std::string_view phrase, std::string& buffer, Visit visit) {
  buffer.clear();
  const Rest whole{phrase, nullptr};
  return ExpandInto(&whole, buffer, visit);
}

}  // namespace

std::vector<std::string> ExpandAlternatives(std::string_view phrase) {
  std::vector<std::string> out;
  std::string buffer;
  ForEachAlternative(phrase, buffer, [&](const std::string& variant) {
    out.push_back(variant);
    return true;
  });
  return out;
}

void Lexicon::EntryLists::Flatten(std::size_t ids) {
  // A counting sort by id: each id's entries stay in the order they were added.
  begin.assign(std::max<std::size_t>(ids, pending_ids) + 1, 0);
  for (const auto& [id, entry] : pending) ++begin[id + 1];
  for (std::size_t i = 1; i < begin.size(); ++i) begin[i] += begin[i - 1];
  entries.resize(pending.size());
  std::vector<std::uint32_t> next(begin.begin(), begin.end() - 1);
  for (const auto& [id, entry] : pending) entries[next[id]++] = entry;
  pending = {};
  pending_ids = 0;
}

bool Lexicon::AddWordGraph(const CharFolder& folder, std::string_view phrase, const Entry& entry) {
  WordTree& tree = tree_;
  if (!ParseWordTree(phrase, tree)) return false;
  // Each word normalised alone is what it is inside any combination: the words are plain
  // letters, digits and apostrophes, and the term options join nothing across spaces. A word
  // seen before has its id; a new one is added only once the whole phrase is known to fit.
  const std::vector<std::string>& words = tree.words;
  std::vector<Spelling>& spellings = spellings_;
  if (spellings.size() < words.size()) spellings.resize(words.size());
  for (std::size_t k = 0; k < words.size(); ++k) {
    spellings[k].id = kNoWord;
    spellings[k].text.clear();
    spellings[k].runs.clear();
  }
  NormalizedText& norm = scratch_;
  for (std::size_t k = 0; k < words.size(); ++k) {
    const auto known = plain_word_ids_.find(words[k]);
    if (known != plain_word_ids_.end() && known->second != kNoWord) {
      spellings[k].id = known->second;
      continue;
    }
    Normalize(folder, words[k], norm, kTermOptions);
    if (norm.tokens.size() > 1 || norm.text.find('~') != std::string::npos) return false;
    if (norm.tokens.empty()) continue;
    spellings[k].text = norm.TokenText(norm.tokens[0]);
    for (std::uint32_t c = norm.tokens[0].first; c < norm.tokens[0].last; ++c) {
      spellings[k].runs.push_back(norm.chars[c].run);
    }
  }
  auto text = [&](const Spelling& s) {
    return s.id != kNoWord ? words_.text(s.id) : std::string_view(s.text);
  };
  auto runs = [&](const Spelling& s) {
    return s.id != kNoWord ? words_.runs(s.id) : std::span<const std::uint8_t>(s.runs);
  };
  // Words sharing a text but not its repeats ("as", "ass") are looked up in the order they were
  // added: only the expansion's order would be certain to keep that.
  for (std::size_t a = 0; a < words.size(); ++a) {
    for (std::size_t b = a + 1; b < words.size(); ++b) {
      if (!text(spellings[a]).empty() && text(spellings[a]) == text(spellings[b]) &&
          !std::ranges::equal(runs(spellings[a]), runs(spellings[b]))) {
        return false;
      }
    }
  }
  std::vector<std::uint32_t> ids(words.size(), kNoWord);
  for (std::size_t k = 0; k < words.size(); ++k) {
    if (spellings[k].id != kNoWord) {
      ids[k] = spellings[k].id;
    } else if (!spellings[k].text.empty()) {
      ids[k] = words_.Add(spellings[k].text, spellings[k].runs);
    }
  }
  const WordGraph graph = BuildWordGraph(tree, ids);
  // Combinations of one word are words, as AddPhrase makes them. However many combinations
  // spell a word or a run of words, it is one match: "(kids'|kids)" are the same word.
  std::vector<std::uint32_t> single;
  for (const WordGraph::Edge& start : graph.starts) {
    const std::uint32_t word = graph.word[start.node];
    if (start.ways * graph.accepts[start.node] == 0 ||
        std::find(single.begin(), single.end(), word) != single.end()) {
      continue;
    }
    single.push_back(word);
    word_entries_.Add(word, entry);
  }
  graphs_.Add(graph);
  graph_entries_.push_back(entry);
  return true;
}

std::uint32_t Lexicon::PlainWordId(const CharFolder& folder, std::string_view word) {
  const bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'';
  });
  if (!plain) return kNoWord;
  auto [it, added] = plain_word_ids_.try_emplace(std::string(word), kNoWord);
  if (added) {
    // Normalised alone, a plain word is what it is inside a phrase: the term options join
    // nothing across spaces.
    NormalizedText& norm = scratch_;
    Normalize(folder, word, norm, kTermOptions);
    if (norm.tokens.size() == 1 && norm.text.find('~') == std::string::npos) {
      std::vector<std::uint8_t>& runs = word_runs_;
      runs.clear();
      const Token& t = norm.tokens[0];
      for (std::uint32_t c = t.first; c < t.last; ++c) runs.push_back(norm.chars[c].run);
      it->second = words_.Add(norm.TokenText(t), runs);
    }
  }
  return it->second;
}

bool Lexicon::PlainWordIds(const CharFolder& folder, std::string_view phrase,
                           std::vector<std::uint32_t>& ids) {
  ids.clear();
  if (phrase.empty()) return false;
  std::size_t start = 0;
  while (start <= phrase.size()) {
    const std::size_t space = std::min(phrase.find(' ', start), phrase.size());
    const std::uint32_t id = PlainWordId(folder, phrase.substr(start, space - start));
    if (id == kNoWord) return false;
    ids.push_back(id);
    start = space + 1;
  }
  return true;
}

template <typename AddWords>
bool Lexicon::AddedAsWords(const CharFolder& folder, std::string_view phrase,
                           AddWords& add_words) {
  WordTree& tree = tree_;
  if (!ParseWordTree(phrase, tree)) return false;
  // Each word's id, looked up in the order the expansion meets the words, so that new words get
  // the ids they would have had; a word that is not one plain word sends the phrase back.
  std::vector<std::uint32_t> ids(tree.words.size(), kNoWord);
  std::vector<std::uint32_t> words;
  bool plain = true;
  auto look_up = [&](const std::vector<std::uint32_t>& combination) {
    for (const std::uint32_t word : combination) {
      if (plain && ids[word] == kNoWord) {
        ids[word] = PlainWordId(folder, tree.words[word]);
        plain = ids[word] != kNoWord;
      }
    }
  };
  ForEachCombination(tree, words, look_up);
  if (!plain) return false;
  std::vector<std::uint32_t> combination_ids;
  auto add = [&](const std::vector<std::uint32_t>& combination) {
    combination_ids.clear();
    for (const std::uint32_t word : combination) combination_ids.push_back(ids[word]);
    if (!combination_ids.empty()) add_words(std::as_const(combination_ids));
  };
  ForEachCombination(tree, words, add);
  return true;
}

Result<void> Lexicon::AddPhrase(const CharFolder& folder, std::string_view phrase, Entry entry,
                                const DataLine* line) {
  entry.order = added_++;
  const std::uint64_t combinations = CountAlternatives(phrase);
  if (entry.mode == MatchMode::kWord) {
    if (combinations > kWordGraphAbove && combinations <= kWordGraphMost &&
        AddWordGraph(folder, phrase, entry)) {
      return Ok();
    }
  }
  NormalizedText& norm = scratch_;
  std::vector<std::uint32_t> ids;
  std::vector<std::uint8_t> runs;
  // What a word graph could not take is expanded: refuse what would take minutes to expand.
  if (combinations > kMaxAlternatives) {
    std::string reason = "\"" + std::string(phrase.substr(0, 60)) + "...\" expands to more than " +
                         std::to_string(kMaxAlternatives) + " phrases; split it into shorter ones";
    if (line) return line->Invalid(reason);
    return Error::InvalidInput(reason);
  }
  // Alternatives that are the same words once folded ("(că|ca)", "(kids'|kids)", "(mum has|
  // mum's) got" beside "mum (has got|got)") are one phrase: its weight counts once.
  // Keyed by the word ids' bytes, or by the letters for a stem. Most phrases have a handful of
  // combinations, compared in a list whose strings are reused; the few with hundreds or more go
  // through a hash set.
  const bool alternatives = combinations > 1;
  const bool many = combinations > 64;
  std::vector<std::string>& seen = phrase_variants_;
  std::size_t seen_count = 0;
  std::unordered_set<std::string> seen_many;
  auto first_time = [&](std::string_view key) {
    if (!alternatives) return true;
    if (many) return seen_many.emplace(key).second;
    for (std::size_t k = 0; k < seen_count; ++k) {
      if (seen[k] == key) return false;
    }
    if (seen_count == seen.size()) seen.emplace_back();
    seen[seen_count++].assign(key);
    return true;
  };
  auto add_words = [&](const std::vector<std::uint32_t>& words) {
    if (!first_time(std::string_view(reinterpret_cast<const char*>(words.data()),
                                     words.size() * sizeof(words[0])))) {
      return;
    }
    if (words.size() == 1) {
      word_entries_.Add(words[0], entry);
    } else {
      phrase_entries_.Add(phrases_.Add(words), entry);
    }
  };
  // A phrase of plain words is expanded over its parsed words, each looked up once, rather
  // than as strings to split and look up again: the same combinations in the same order.
  if (entry.mode == MatchMode::kWord && alternatives && AddedAsWords(folder, phrase, add_words)) {
    return Ok();
  }
  std::string invalid;  // the first variant that cannot be matched, if any
  ForEachAlternative(phrase, variant_, [&](const std::string& variant) {
    if (entry.mode == MatchMode::kWord && PlainWordIds(folder, variant, ids)) {
      add_words(ids);
      return true;
    }
    Normalize(folder, variant, norm, kTermOptions);
    if (norm.text.empty()) return true;  // "(a|) b" style variants that collapse to nothing
    if (norm.text.find('~') != std::string::npos) {
      invalid = variant;
      return false;
    }
    if (entry.mode == MatchMode::kWord) {
      ids.clear();
      for (const Token& t : norm.tokens) {
        runs.clear();
        for (std::uint32_t c = t.first; c < t.last; ++c) runs.push_back(norm.chars[c].run);
        ids.push_back(words_.Add(norm.TokenText(t), runs));
      }
      add_words(ids);
      return true;
    }
    if (!first_time(norm.text)) return true;
    entry.runs = static_cast<std::uint32_t>(runs_.size());
    for (const MatchChar& c : norm.chars) runs_.push_back(c.run);
    if (entry.mode == MatchMode::kAny) inside_.push_back({norm.text, entry});
    // Every character pattern is also a stem: "any" terms match at a word's start too, and a
    // word spelt out one by one is searched at every letter.
    char_entries_.Add(automaton_.Add(norm.text), entry);
    return true;
  });
  if (!invalid.empty()) {
    std::string reason = "\"" + invalid + "\" has letters that cannot be matched";
    if (line) return line->Invalid(reason);
    return Error::InvalidInput(reason);
  }
  return Ok();
}

void Lexicon::AddMaskedIndex(std::uint32_t index) {
  const Term& t = terms_[index];
  const bool severe = t.severity >= 2 && (t.category == Category::kProfanity ||
                                          t.category == Category::kInsult ||
                                          t.category == Category::kHate ||
                                          t.category == Category::kSexual);
  if (!severe || t.letters.size() < 3 || t.letters[0] < 'a' || t.letters[0] > 'z') return;
  if (t.letters.find(' ') != std::string::npos) return;
  masked_index_[t.letters[0] - 'a'].push_back(index);
}

Result<Lexicon> Lexicon::Build(const CharFolder& folder, const LexiconSources& sources,
                               const config::ModerationSettings& settings) {
  Lexicon lex;
  NormalizedText norm;
  auto letters_of = [&](std::string_view s) {
    Normalize(folder, s, norm, kTermOptions);
    std::string out;
    for (const Token& t : norm.tokens) {
      if (!out.empty()) out.push_back(' ');
      out += norm.Expanded(t);
    }
    return out;
  };
  std::vector<std::string> disabled;
  for (const std::string& d : settings.disabled_terms) disabled.push_back(letters_of(d));

  auto add_term = [&](Term term, const DataLine* line) -> Result<void> {
    term.letters = letters_of(term.text);
    if (std::find(disabled.begin(), disabled.end(), term.letters) != disabled.end()) return Ok();
    const auto index = static_cast<std::uint32_t>(lex.terms_.size());
    Entry entry{.kind = Kind::kTerm, .mode = term.mode,
                .weight = static_cast<std::uint8_t>(term.severity),
                .id = static_cast<std::uint16_t>(index)};
    std::string text = term.text;
    lex.terms_.push_back(std::move(term));
    if (auto r = lex.AddPhrase(folder, text, entry, line); !r) return r.error();
    lex.AddMaskedIndex(index);
    return Ok();
  };

  // Lexicon files: term, category, severity, match[, flags].
  for (const auto& [name, contents] : sources.lexicons) {
    for (const DataLine& line : DataLines(name, contents)) {
      if (line.fields.size() < 4 || line.fields.size() > 5) {
        return line.Invalid("expected: term, category, severity, match[, flags]");
      }
      Term term;
      term.text = std::string(line.fields[0]);
      const std::string_view categories = line.fields[1];
      const std::size_t plus = categories.find('+');
      auto category = ParseCategory(categories.substr(0, plus));
      if (!category || !IsTermCategory(*category)) {
        return line.Invalid("unknown category \"" + std::string(categories) + "\"");
      }
      term.category = *category;
      if (plus != std::string_view::npos) {
        term.also = ParseCategory(categories.substr(plus + 1));
        if (!term.also || !IsTermCategory(*term.also)) {
          return line.Invalid("unknown category \"" + std::string(categories) + "\"");
        }
      }
      const std::string_view sev = line.fields[2];
      if (sev.size() != 1 || sev[0] < '1' || sev[0] > '4') return line.Invalid("severity is 1..4");
      term.severity = sev[0] - '0';
      auto mode = ParseMode(line.fields[3]);
      if (!mode) return line.Invalid("match is word, stem or any");
      term.mode = *mode;
      if (line.fields.size() == 5) {
        for (std::string_view flag : SplitList(line.fields[4], ',')) {
          if (flag == "target") {
            term.flags |= kNeedsTarget;
          } else if (flag == "name") {
            term.flags |= kNameUse;
          } else if (flag.substr(0, 7) == "unless=") {
            term.unless = ParseWordClass(flag.substr(7));
            if (!term.unless) return line.Invalid("unknown class in " + std::string(flag));
          } else if (flag.substr(0, 3) == "pc=") {
            auto pc = ParseCharacteristic(flag.substr(3));
            if (!pc) return line.Invalid("unknown characteristic in " + std::string(flag));
            term.characteristic = *pc;
          } else {
            return line.Invalid("unknown flag \"" + std::string(flag) + "\"");
          }
        }
      }
      if (auto r = add_term(std::move(term), &line); !r) return r.error();
    }
  }

  // The school's own terms.
  for (const config::CustomTerm& custom : settings.extra_terms) {
    auto category = ParseCategory(custom.category);
    if (!category || !IsTermCategory(*category)) {
      return Error::InvalidInput("moderation.extra_terms \"" + custom.term +
                                 "\": unknown category \"" + custom.category + "\"");
    }
    if (custom.severity < 1 || custom.severity > 4) {
      return Error::InvalidInput("moderation.extra_terms \"" + custom.term +
                                 "\": severity must be 1..4");
    }
    Term term;
    term.text = custom.term;
    term.category = *category;
    term.severity = custom.severity;
    term.mode = custom.stem ? MatchMode::kStem : MatchMode::kWord;
    term.custom = true;
    if (letters_of(custom.term).empty()) {
      return Error::InvalidInput("moderation.extra_terms \"" + custom.term + "\": no letters");
    }
    if (auto r = add_term(std::move(term), nullptr); !r) {
      return Error::InvalidInput("moderation.extra_terms: " + r.error().message);
    }
  }

  // Allowed words and phrases, built in and the school's.
  const Entry allow{.kind = Kind::kAllow, .mode = MatchMode::kStem};
  for (const DataLine& line : DataLines("allow.txt", sources.allow)) {
    if (auto r = lex.AddPhrase(folder, line.fields[0], allow, &line); !r) return r.error();
  }
  for (const std::string& word : settings.allow_terms) {
    if (letters_of(word).empty()) continue;
    if (auto r = lex.AddPhrase(folder, word, allow, nullptr); !r) {
      return Error::InvalidInput("moderation.allow_terms: " + r.error().message);
    }
  }

  // Word classes: class, match, members.
  for (const DataLine& line : DataLines("classes.tsv", sources.classes)) {
    if (line.fields.size() != 3) return line.Invalid("expected: class, match, members");
    auto cls = ParseWordClass(line.fields[0]);
    if (!cls) return line.Invalid("unknown class \"" + std::string(line.fields[0]) + "\"");
    auto mode = ParseMode(line.fields[1]);
    if (!mode) return line.Invalid("match is word, stem or any");
    const Entry entry{.kind = Kind::kClass, .mode = *mode, .id = static_cast<std::uint16_t>(*cls)};
    for (std::string_view member : SplitList(line.fields[2], ',')) {
      if (auto r = lex.AddPhrase(folder, member, entry, &line); !r) return r.error();
    }
  }
  const Entry first_name{.kind = Kind::kClass, .mode = MatchMode::kWord,
                         .id = static_cast<std::uint16_t>(WordClass::kFirstName)};
  for (const DataLine& line : DataLines("first_names.txt", sources.first_names)) {
    if (auto r = lex.AddPhrase(folder, line.fields[0], first_name, &line); !r) return r.error();
  }

  // Signals: signal, weight, match, phrases.
  for (const DataLine& line : DataLines("signals.tsv", sources.signals)) {
    if (line.fields.size() != 4) return line.Invalid("expected: signal, weight, match, phrases");
    auto signal = ParseSignal(line.fields[0]);
    if (!signal) return line.Invalid("unknown signal \"" + std::string(line.fields[0]) + "\"");
    const std::string_view w = line.fields[1];
    if (w.size() != 1 || w[0] < '1' || w[0] > '4') return line.Invalid("weight is 1..4");
    auto mode = ParseMode(line.fields[2]);
    if (!mode) return line.Invalid("match is word, stem or any");
    const Entry entry{.kind = Kind::kSignal, .mode = *mode,
                      .weight = static_cast<std::uint8_t>(w[0] - '0'),
                      .id = static_cast<std::uint16_t>(*signal)};
    for (std::string_view phrase : SplitList(line.fields[3], ',')) {
      if (auto r = lex.AddPhrase(folder, phrase, entry, &line); !r) return r.error();
    }
  }

  lex.words_.Finish();
  lex.word_entries_.Flatten(lex.words_.size());
  if (!lex.phrases_.fits() || lex.words_.size() >= PhraseMatcher::kMaxStates) {
    return Error::InvalidInput(
        "too many phrases once alternatives are expanded (the matcher holds about a million "
        "states): shorten the lists of alternatives in the terms or cues");
  }
  lex.phrases_.Build();
  lex.graphs_.Build();
  lex.automaton_.Build();
  // What a token needs of its word, kept with the word table's slot: the classes as one OR
  // rather than an entry each, where its other entries are, its phrase facts.
  {
    EntryLists& lists = lex.word_entries_;
    std::vector<std::uint32_t> begin(lists.begin.size(), 0);
    std::vector<Entry> kept;
    for (std::uint32_t id = 0; id + 1 < lists.begin.size(); ++id) {
      WordInfo info;
      const auto first = static_cast<std::uint32_t>(kept.size());
      for (const Entry& e : lists.of(id)) {
        if (e.kind == Kind::kClass) {
          info.classes |= std::uint64_t{1} << e.id;
        } else {
          kept.push_back(e);
        }
      }
      const auto count = static_cast<std::uint32_t>(kept.size()) - first;
      begin[id + 1] = static_cast<std::uint32_t>(kept.size());
      info.entries = first < (1u << 24) && count < 255 ? (first << 8) | count : 255;
      info.phrase = lex.phrases_.PhraseFacts(id);
      if (lex.graphs_.Starts(id)) info.phrase |= kGraphStartBit;
      if (lex.automaton_.StopsWithin(lex.words_.text(id))) info.phrase |= kNoStemBit;
      lex.words_.SetInfo(id, info);
    }
    lists.begin = std::move(begin);
    lists.entries = std::move(kept);
  }
  lex.phrase_entries_.Flatten(0);  // as many ids as have entries
  lex.char_entries_.Flatten(lex.automaton_.pattern_count());
  lex.scratch_ = NormalizedText();
  lex.plain_word_ids_ = {};
  lex.phrase_variants_ = {};
  lex.tree_ = {};
  lex.spellings_ = {};
  lex.word_runs_ = {};
  return lex;
}

void Lexicon::Apply(const Entry& entry, NormalizedText& norm, std::uint32_t first,
                    std::uint32_t last, std::uint32_t begin, std::uint32_t end,
                    Matches& out) const {
  switch (entry.kind) {
    case Kind::kTerm:
      out.terms.push_back({entry.id, begin, end, first, last, false});
      break;
    case Kind::kAllow:
      out.allowed.emplace_back(begin, end);
      break;
    case Kind::kClass:
      for (std::uint32_t t = first; t <= last; ++t) {
        norm.tokens[t].classes |= std::uint64_t{1} << entry.id;
      }
      break;
    case Kind::kSignal:
      out.signals.push_back({static_cast<Signal>(entry.id), entry.weight, first, last});
      break;
  }
}

void Lexicon::Annotate(NormalizedText& norm, Matches& out) const {
  out.Clear();
  const std::size_t tokens = norm.tokens.size();

  // 1. Whole words: one hash lookup per token. "head's" is also looked up as "head".
  out.token_words.resize(tokens);
  out.token_phrases.resize(tokens);
  for (std::uint32_t t = 0; t < tokens; ++t) words_.Prefetch(norm.tokens[t].hash);
  out.graph_starts.clear();
  std::uint32_t masked = 0;  // some token has kMasked
  auto entries_of = [&](std::uint32_t id, const WordInfo& info) {
    const std::uint32_t count = info.entries & 0xFF;
    return count == 255 ? word_entries_.of(id)
                        : std::span<const Entry>(word_entries_.entries)
                              .subspan(info.entries >> 8, count);
  };
  auto apply_word = [&](std::uint32_t id, const WordInfo& info, std::uint32_t t) {
    Token& tok = norm.tokens[t];
    tok.classes |= info.classes;
    for (const Entry& e : entries_of(id, info)) Apply(e, norm, t, t, tok.first, tok.last, out);
  };
  for (std::uint32_t t = 0; t < tokens; ++t) {
    const Token& tok = norm.tokens[t];
    const std::string_view text = norm.TokenText(tok);
    const MatchChar* chars = norm.chars.data() + tok.first;
    // The text has no repeated letter when squeezing removed nothing from the plain letters.
    const bool single = tok.plain_last - tok.plain_first == tok.last - tok.first;
    const WordInfo* info = nullptr;
    const std::uint32_t word =
        words_.Find(text, chars, tok.hash, tok.text_key, tok.word_key, single, &info);
    std::uint32_t stripped = kNoWord;
    if ((tok.flags & kPossessive) && text.size() > 2) {
      stripped = words_.Find(text.substr(0, text.size() - 2), chars);
    }
    if (word != kNoWord) {
      out.token_words[t] = word;
      out.token_phrases[t] = info->phrase;
      apply_word(word, *info, t);
    } else {
      out.token_words[t] = stripped;
      out.token_phrases[t] = stripped != kNoWord ? words_.info(stripped).phrase : 0;
    }
    if (out.token_phrases[t] & kGraphStartBit) out.graph_starts.push_back(t);
    masked |= tok.flags & kMasked;
    if (stripped != kNoWord) apply_word(stripped, words_.info(stripped), t);
    // "is a p r i c k" is joined as "aprick": the article spelt the same way is a word of its
    // own, so the letters after it are looked up as a word too (its terms only).
    if ((tok.flags & kSplit) && word == kNoWord && text.size() > 3 &&
        (text[0] == 'a' || text[0] == 'i')) {
      const std::uint32_t rest = words_.Find(text.substr(1), chars + 1);
      if (rest != kNoWord) {
        for (const Entry& e : entries_of(rest, words_.info(rest))) {
          if (e.kind == Kind::kTerm) Apply(e, norm, t, t, tok.first + 1, tok.last, out);
        }
      }
    }
  }

  // 2. Phrases of whole words.
  ApplyPhrases(norm, out);

  // 3. Stems, walked from each word's start (from every letter of a word spelt out one by one),
  // and the few "any" terms, scanned for anywhere.
  const std::string& text = norm.text;
  const std::size_t n = text.size();
  auto on_match = [&](std::span<const Entry> entries, bool stem_walk, std::size_t end,
                      std::uint32_t length) {
    const std::size_t start = end - length;
    const bool end_ok = end == n || text[end] == ' ';
    const std::uint32_t first_token = norm.chars[start].token;
    const std::uint32_t last_token = norm.chars[end - 1].token;
    if (first_token == kNoToken || last_token == kNoToken) return;
    const bool start_ok = start == 0 || text[start - 1] == ' ';
    const bool split = (norm.tokens[first_token].flags & kSplit) != 0;
    for (const Entry& entry : entries) {
      // A walk from inside a spelt-out word ("a s h i t") only counts severe terms.
      if (stem_walk && !start_ok && !(split && entry.kind == Kind::kTerm && entry.weight >= 2)) {
        continue;
      }
      // Repeats: the text may repeat a letter as often as the term does, or stretch it to
      // three or more ("fuuuck"); "as" does not match "ass". A stem's last letter may double
      // in a derived word ("shit" in "shitty").
      bool runs_ok = true;
      for (std::uint32_t k = 0; k < length && runs_ok; ++k) {
        const std::uint8_t want = runs_[entry.runs + k];
        const std::uint8_t got = norm.chars[start + k].run;
        // An innocent word is innocent as spelt: "twaaattt" is stretched abuse, not Twatt.
        runs_ok = got == want || (got >= 3 && got > want && entry.kind != Kind::kAllow);
        if (!runs_ok && k + 1 == length && entry.mode != MatchMode::kWord && !end_ok) {
          runs_ok = got > want;
        }
      }
      if (!runs_ok) continue;
      Apply(entry, norm, first_token, last_token, static_cast<std::uint32_t>(start),
            static_cast<std::uint32_t>(end), out);
    }
  };
  for (std::uint32_t t = 0; t < tokens; ++t) {
    const Token& tok = norm.tokens[t];
    const std::uint32_t last_start = (tok.flags & kSplit) ? tok.last : tok.first + 1;
    // The token's word, or the word before its "'s", may say that no walk gets past its letters.
    const std::uint32_t first_start = tok.first + ((out.token_phrases[t] & kNoStemBit) ? 1 : 0);
    for (std::uint32_t from = first_start; from < last_start; ++from) {
      const char next = from + 1 < n ? text[from + 1] : ' ';
      const char after = from + 2 < n ? text[from + 2] : ' ';
      if (!automaton_.MayStartWith(text[from], next, after)) continue;
      automaton_.ScanFrom(text, from, [&](std::uint32_t pattern, std::size_t end) {
        on_match(char_entries_.of(pattern), true, end, automaton_.pattern_length(pattern));
      });
    }
  }
  for (const Inside& inside : inside_) {
    const auto length = static_cast<std::uint32_t>(inside.text.size());
    for (std::size_t at = text.find(inside.text); at != std::string::npos;
         at = text.find(inside.text, at + 1)) {
      // At a word's start the walk above has it already.
      if (at == 0 || text[at - 1] == ' ') continue;
      on_match(std::span<const Entry>(&inside.entry, 1), false, at + length, length);
    }
  }

  for (std::uint32_t t = 0; masked != 0 && t < tokens; ++t) {
    if (norm.tokens[t].flags & kMasked) MatchMasked(norm, t, out);
  }
  if (!out.allowed.empty()) {
    auto allowed = [&](std::uint32_t at) {
      return std::any_of(out.allowed.begin(), out.allowed.end(), [&](const auto& range) {
        return at >= range.first && at < range.second;
      });
    };
    std::erase_if(out.terms, [&](const TermHit& hit) { return allowed(hit.first_char); });
    // An innocent phrase is innocent for the phrase cues too ("the rape fields" is farming).
    std::erase_if(out.signals, [&](const SignalHit& hit) {
      return allowed(norm.tokens[hit.first_token].first);
    });
  }
}

void Lexicon::ApplyPhrases(NormalizedText& norm, Matches& out) const {
  auto apply = [&](const Entry& e, std::size_t end, std::uint32_t length) {
    const auto last = static_cast<std::uint32_t>(end - 1);
    const auto first = static_cast<std::uint32_t>(end - length);
    Apply(e, norm, first, last, norm.tokens[first].first, norm.tokens[last].last, out);
  };
  std::vector<Matches::PhraseHit>& hits = out.phrase_hits;
  hits.clear();
  // Graph entries are numbered after the trie's.
  const auto graph_base = static_cast<std::uint32_t>(phrase_entries_.entries.size());
  if (!out.graph_starts.empty()) {
    graphs_.Scan(out.token_words, out.graph_starts,
                 [&](std::uint32_t graph, std::size_t first, std::size_t end, std::uint32_t ways) {
                   hits.push_back({static_cast<std::uint32_t>(end),
                                   static_cast<std::uint32_t>(end - first),
                                   graph_entries_[graph].order, ways, graph_base + graph});
                 });
  }
  if (hits.empty()) {
    // The usual case: the trie's phrases, applied as found.
    phrases_.Scan(out.token_words, out.token_phrases, [&](std::uint32_t phrase, std::size_t end) {
      for (const Entry& e : phrase_entries_.of(phrase)) apply(e, end, phrases_.length(phrase));
    });
    return;
  }
  // The trie reports phrases by end, longest first, each one's entries in the order added; the
  // expanded graphs would have been among them. Sorting on that key puts everything where the
  // expansion would have: hits equal in it are the same entry.
  phrases_.Scan(out.token_words, out.token_phrases, [&](std::uint32_t phrase, std::size_t end) {
    for (const Entry& e : phrase_entries_.of(phrase)) {
      hits.push_back({static_cast<std::uint32_t>(end), phrases_.length(phrase), e.order, 1,
                      static_cast<std::uint32_t>(&e - phrase_entries_.entries.data())});
    }
  });
  std::sort(hits.begin(), hits.end(), [](const Matches::PhraseHit& x, const Matches::PhraseHit& y) {
    if (x.end != y.end) return x.end < y.end;
    if (x.length != y.length) return x.length > y.length;
    return x.order < y.order;
  });
  for (std::size_t h = 0; h < hits.size(); ++h) {
    const Matches::PhraseHit& hit = hits[h];
    // A graph's two spellings of the same words ("kids'", "kids") reach the same span twice.
    if (h > 0 && hits[h - 1].end == hit.end && hits[h - 1].length == hit.length &&
        hits[h - 1].entry == hit.entry) {
      continue;
    }
    const Entry& e = hit.entry < graph_base ? phrase_entries_.entries[hit.entry]
                                            : graph_entries_[hit.entry - graph_base];
    apply(e, hit.end, hit.length);
  }
}

namespace {

// Whether `pattern` (letters and '*' wildcards) spells `term` exactly, each '*' one letter.
bool WildcardEquals(std::string_view pattern, std::string_view term) {
  if (pattern.size() != term.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '*' && pattern[i] != term[i]) return false;
  }
  return true;
}

// A looser reading for writers who do not count their stars: each run of stars stands for one
// to (stars + 1) letters ("f*k" for "fuck").
bool WildcardLoose(std::string_view pattern, std::string_view term) {
  if (pattern.empty()) return term.empty();
  if (pattern[0] != '*') {
    return !term.empty() && term[0] == pattern[0] && WildcardLoose(pattern.substr(1), term.substr(1));
  }
  std::size_t stars = 0;
  while (stars < pattern.size() && pattern[stars] == '*') ++stars;
  for (std::size_t take = 1; take <= stars + 1 && take <= term.size(); ++take) {
    if (WildcardLoose(pattern.substr(stars), term.substr(take))) return true;
  }
  return false;
}

}  // namespace

void Lexicon::MatchMasked(const NormalizedText& norm, std::uint32_t token, Matches& out) const {
  const Token& tok = norm.tokens[token];
  const std::string word = norm.Expanded(tok);
  if (word.empty() || word[0] < 'a' || word[0] > 'z') return;
  const auto visible = std::count_if(word.begin(), word.end(), [](char c) { return c != '*'; });
  const auto hidden = static_cast<std::ptrdiff_t>(word.size()) - visible;
  if (visible < 1 || hidden > visible + 2) return;
  // "f*u*c*k": stars between single letters are separators, not hidden letters.
  std::string unstarred;
  for (char c : word) {
    if (c != '*') unstarred.push_back(c);
  }
  const std::uint32_t begin_char = tok.first;
  const std::uint32_t end_char = tok.last;
  TermHit candidate;
  int best_severity = 0;
  // Where a masked term may start: the word's first letter, and, for terms matched anywhere in a
  // word ("motherf***ing"), each letter just before a run of stars.
  for (std::size_t start = 0; start < word.size(); ++start) {
    if (word[start] < 'a' || word[start] > 'z') continue;
    if (start > 0 && (start + 1 >= word.size() || word[start + 1] != '*')) continue;
    const std::string_view rest = std::string_view(word).substr(start);
    for (std::uint32_t index : masked_index_[word[start] - 'a']) {
      const Term& t = terms_[index];
      if (start > 0 && t.mode != MatchMode::kAny) continue;
      const std::string_view letters = t.letters;
      bool matched = false;
      if (t.mode == MatchMode::kWord) {
        // One letter showing is enough only when the stars stand for exactly the missing
        // letters ("f***", "b****"); looser readings need two letters showing.
        matched = WildcardEquals(word, letters) ||
                  (visible >= 2 && (WildcardLoose(word, letters) || unstarred == letters));
      } else {
        // A stem: some prefix of the word spells the term and the rest is plain letters.
        for (std::size_t cut = 2; cut <= rest.size() && !matched; ++cut) {
          std::string_view head = rest.substr(0, cut);
          std::string_view tail = rest.substr(cut);
          if (tail.find('*') != std::string_view::npos) continue;
          matched = WildcardEquals(head, letters) || (visible >= 2 && WildcardLoose(head, letters));
        }
        matched = matched || (start == 0 && visible >= 2 && unstarred.rfind(letters, 0) == 0);
      }
      if (matched && t.severity > best_severity) {
        best_severity = t.severity;
        candidate = {index, begin_char, end_char, token, token, true};
      }
    }
  }
  if (best_severity > 0) out.terms.push_back(candidate);
}

}  // namespace schoolmod::moderation::classifier
