#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "classifier/automaton.h"
#include "classifier/char_fold.h"
#include "classifier/data_file.h"
#include "classifier/normalizer.h"
#include "classifier/vocabulary.h"
#include "classifier/word_graph.h"
#include "classifier/word_index.h"
#include "schoolmod/moderation/verdict.h"
#include "schoolmod/result.h"

namespace schoolmod::config {
struct ModerationSettings;
}

// Every word list the classifier matches, compiled into one automaton: lexicon terms (word,
// category, severity), the allow-list, word classes and phrase signals. Built once from the
// embedded data files and the school's settings; Annotate() is the per-comment pass.
namespace schoolmod::moderation::classifier {

enum class MatchMode : std::uint8_t {
  kWord,  // the whole word (or phrase): "twat" does not match "Twatt" or "twats"
  kStem,  // words starting with the term: "fuck" matches "fucking", "fuckwit"
  kAny,   // anywhere inside a word: for the few terms no innocent word contains ("motherfucker")
};

enum TermFlag : std::uint8_t {
  kNeedsTarget = 1u << 0,  // an insult only when aimed at someone: "cow", "clown", "witch"
  kNameUse = 1u << 1,      // also a name: not when capitalised beside another name ("Dick Turpin")
};

struct Term {
  std::string text;     // as written in the data file or config, for messages and disabled_terms
  std::string letters;  // normalised with repeats expanded, for masked words ("f**k")
  Category category = Category::kProfanity;
  std::optional<Category> also;  // "insult+profanity": reported under both
  int severity = 2;     // 1 (mild) .. 4 (severe)
  MatchMode mode = MatchMode::kWord;
  std::uint8_t flags = 0;
  std::optional<WordClass> unless;  // not when a word of this class is in the comment
  Characteristic characteristic = Characteristic::kNone;
  bool custom = false;  // from the school's config

  template <typename Self, typename Archive>
  static void Transfer(Self& self, Archive& a) {
    a(self.text);
    a(self.letters);
    a(self.category);
    a(self.also);
    a(self.severity);
    a(self.mode);
    a(self.flags);
    a(self.unless);
    a(self.characteristic);
    a(self.custom);
  }
};

// One lexicon term found in a comment.
struct TermHit {
  std::uint32_t term = 0;
  std::uint32_t first_char = 0;  // [first_char, last_char) in the matching text
  std::uint32_t last_char = 0;
  std::uint32_t first_token = 0;  // tokens covered, inclusive
  std::uint32_t last_token = 0;
  bool masked = false;  // found by the masked-word matcher ("f*ck")
};

// One phrase signal found in a comment.
struct SignalHit {
  Signal signal = Signal::kComplaint;
  std::uint8_t weight = 1;
  std::uint32_t first_token = 0;
  std::uint32_t last_token = 0;
};

struct Matches {
  std::vector<TermHit> terms;
  std::vector<SignalHit> signals;
  void Clear() {
    terms.clear();
    signals.clear();
    allowed.clear();
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> allowed;  // scratch: allowed char ranges
  std::vector<std::uint32_t> token_words;  // scratch: each token's word id, for phrases
  std::vector<std::uint32_t> token_phrases;  // scratch: each token's WordInfo::phrase
  // Scratch: phrase entries to apply, when word graphs matched and the order must be restored.
  struct PhraseHit {
    std::uint32_t end = 0;     // one past the last token
    std::uint32_t length = 0;  // tokens
    std::uint32_t order = 0;   // Entry::order
    std::uint32_t ways = 1;    // times to apply it
    std::uint32_t entry = 0;   // which, in the lexicon's numbering (Lexicon::ApplyPhrases)
  };
  std::vector<PhraseHit> phrase_hits;
  std::vector<std::uint32_t> graph_starts;  // scratch: tokens whose word starts a word graph
};

struct LexiconSources {
  // (file name, contents) of each lexicon file: term, category, severity, match, flags.
  std::vector<std::pair<std::string_view, std::string_view>> lexicons;
  std::string_view allow;        // allow.txt: one word or phrase a line, matched as a stem
  std::string_view classes;      // classes.tsv: class, match, comma-separated members
  std::string_view signals;      // signals.tsv: signal, weight, match, comma-separated phrases
  std::string_view first_names;  // first_names.txt: one name a line
};

class Lexicon {
 public:
  // Fails with kInvalidInput naming the file and line (a data file) or the term (the school's
  // extra_terms) when an entry is malformed or names an unknown category, class or signal.
  static Result<Lexicon> Build(const CharFolder& folder, const LexiconSources& sources,
                               const config::ModerationSettings& settings);

  // Finds every term, allowed word, class member and signal in `text`: sets tokens' class bits
  // and fills `out` (cleared first). Terms inside an allowed word are dropped. Thread-safe.
  void Annotate(NormalizedText& text, Matches& out) const;

  const Term& term(std::uint32_t index) const { return terms_[index]; }
  std::size_t term_count() const { return terms_.size(); }
  // Sizes, for benchmarks and tests.
  std::size_t word_count() const { return words_.size(); }
  std::size_t phrase_state_count() const { return phrases_.state_count(); }
  std::size_t char_state_count() const { return automaton_.state_count(); }

  // The built lexicon's fields, for snapshot.h (what Annotate() reads; nothing of building).
  template <typename Self, typename Archive>
  static void Transfer(Self& self, Archive& a) {
    a(self.words_);
    a(self.word_entries_);
    a(self.phrases_);
    a(self.phrase_entries_);
    a(self.graphs_);
    a(self.graph_entries_);
    a(self.automaton_);
    a(self.char_entries_);
    a(self.inside_);
    a(self.terms_);
    a(self.runs_);
    a(self.masked_index_);
  }
  // An empty lexicon, for loading a snapshot into.
  Lexicon() = default;

 private:
  enum class Kind : std::uint8_t { kTerm, kAllow, kClass, kSignal };
  struct Entry {
    Kind kind = Kind::kTerm;
    MatchMode mode = MatchMode::kWord;
    std::uint8_t weight = 0;
    std::uint8_t spare = 0;        // explicit, so that a snapshot of an entry has no padding
    std::uint16_t id = 0;          // term index, WordClass or Signal
    std::uint16_t spare2 = 0;
    std::uint32_t runs = 0;        // offset into runs_ of the pattern's run lengths
    // The AddPhrase() call that added it: a phrase's entries apply in this order.
    std::uint32_t order = 0;
  };
  static_assert(std::has_unique_object_representations_v<Entry>);

  // Entries by id (word, phrase or character pattern), flattened once building is done.
  struct EntryLists {
    std::vector<std::uint32_t> begin;             // entries of id i: entries[begin[i]..begin[i+1])
    std::vector<Entry> entries;
    // While building: every (id, entry) in the order added, and 1 + the largest id.
    std::vector<std::pair<std::uint32_t, Entry>> pending;
    std::uint32_t pending_ids = 0;
    void Add(std::uint32_t id, const Entry& e) {
      pending.emplace_back(id, e);
      pending_ids = std::max(pending_ids, id + 1);
    }
    // Lays the entries out by id, for ids 0..max(ids, pending_ids) - 1.
    void Flatten(std::size_t ids);
    template <typename Self, typename Archive>
    static void Transfer(Self& self, Archive& a) {
      a(self.begin);
      a(self.entries);
    }
    std::span<const Entry> of(std::uint32_t id) const {
      if (id + 1 >= begin.size()) return {};
      return std::span<const Entry>(entries).subspan(begin[id], begin[id + 1] - begin[id]);
    }
  };

  // Adds `phrase` (alternatives "(a|b)" expanded) with the given meaning. Whole words and
  // phrases go to the word table and the phrase matcher; stems to the character automaton.
  Result<void> AddPhrase(const CharFolder& folder, std::string_view phrase, Entry entry,
                         const DataLine* line);
  // Adds a whole-word phrase with many combinations as a word graph. False, having added
  // nothing, when the phrase's shape does not allow it (AddPhrase expands it then).
  bool AddWordGraph(const CharFolder& folder, std::string_view phrase, const Entry& entry);
  // Applies the phrases ending in the comment: from the phrase trie, and from the word graphs
  // in the order the expanded phrases would have.
  void ApplyPhrases(NormalizedText& norm, Matches& out) const;
  void AddMaskedIndex(std::uint32_t term);
  void MatchMasked(const NormalizedText& text, std::uint32_t token, Matches& out) const;
  // Records one matched entry covering tokens [first, last] and characters [begin, end).
  void Apply(const Entry& e, NormalizedText& norm, std::uint32_t first, std::uint32_t last,
             std::uint32_t begin, std::uint32_t end, Matches& out) const;

  WordTable words_;
  EntryLists word_entries_;  // without the word classes, which are in the words' WordInfo
  PhraseMatcher phrases_;
  EntryLists phrase_entries_;
  GraphMatcher graphs_;
  std::vector<Entry> graph_entries_;  // by graph
  std::uint32_t added_ = 0;           // AddPhrase() calls so far: the next Entry::order
  Automaton automaton_;  // stems: walked from each word's start
  EntryLists char_entries_;
  // "any" terms, found anywhere inside a word: a handful, so a substring search each.
  struct Inside {
    std::string text;  // matching text
    Entry entry;
    template <typename Self, typename Archive>
    static void Transfer(Self& self, Archive& a) {
      a(self.text);
      a(self.entry);
    }
  };
  std::vector<Inside> inside_;
  std::vector<Term> terms_;
  std::vector<std::uint8_t> runs_;  // run lengths of the character patterns
  NormalizedText scratch_;          // while building: reused for every phrase
  // While building: the word id of each plain word ([a-z0-9'] only) normalised alone, so that
  // the thousands of expanded phrases sharing words normalise each word once.
  std::unordered_map<std::string, std::uint32_t> plain_word_ids_;
  std::vector<std::string> phrase_variants_;  // while building: one phrase's word runs so far
  // The word ids of a phrase of plain words separated by single spaces, or false when some word
  // is not plain or does not normalise to one word (the caller normalises the whole phrase).
  bool PlainWordIds(const CharFolder& folder, std::string_view phrase,
                    std::vector<std::uint32_t>& ids);
  // Adds each combination of `phrase` through add_words(ids) when the phrase parses as a
  // word tree of plain words; otherwise false, having added no entry.
  template <typename AddWords>
  bool AddedAsWords(const CharFolder& folder, std::string_view phrase, AddWords& add_words);
  // The word id of one plain word normalised alone, or kNoWord (see PlainWordIds).
  std::uint32_t PlainWordId(const CharFolder& folder, std::string_view word);
  std::vector<std::uint8_t> word_runs_;  // PlainWordId's buffer
  WordTree tree_;                        // while building: the phrase being added, parsed
  // While building: AddWordGraph's spelling of each word of the phrase.
  struct Spelling {
    std::uint32_t id = kNoWord;  // a word seen before
    std::string text;            // or a new one's text and repeats; empty if it is nothing
    std::vector<std::uint8_t> runs;
  };
  std::vector<Spelling> spellings_;
  // Severe terms by first letter, for masked words: only these are worth a wildcard match.
  std::array<std::vector<std::uint32_t>, 26> masked_index_;
  std::string variant_;  // AddPhrase's buffer for one combination of a phrase at a time
};

// "(i|we) know where (he|she) lives" -> every combination; "(a|)" makes a word optional.
std::vector<std::string> ExpandAlternatives(std::string_view phrase);

// One term or cue that must be expanded (not kept as a word graph) may stand for at most this
// many phrases, so that a long list of alternatives in a school's config is an error, not a
// minute of start-up.
inline constexpr std::uint64_t kMaxAlternatives = 100000;

}  // namespace schoolmod::moderation::classifier
