#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

// Aho-Corasick multi-pattern matcher over the normalised matching text (normalizer.h), so one
// pass finds every lexicon term, allowed word, word-class member and phrase cue at once. The
// alphabet is the matching text's 32 symbols, so the transition table is dense and a step is one
// array load.
namespace schoolmod::moderation::classifier {

class Automaton {
 public:
  static constexpr int kAlphabet = 32;

  // Adds a pattern in matching-text form and returns its id; adding the same text twice returns
  // the same id. Only before Build().
  std::uint32_t Add(std::string_view pattern);
  // Computes failure links and the full transition table. Call once.
  void Build();

  std::size_t pattern_count() const { return lengths_.size(); }
  std::size_t state_count() const { return next_.size(); }
  std::uint32_t pattern_length(std::uint32_t id) const { return lengths_[id]; }

  // Calls on_match(pattern_id, end) for every occurrence, `end` one past its last character,
  // in order of `end`. Thread-safe after Build().
  template <typename OnMatch>
  void Scan(std::string_view text, OnMatch&& on_match) const {
    std::uint32_t state = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      state = next_[state][Symbol(text[i])];
      for (std::uint32_t k = out_begin_[state]; k < out_begin_[state + 1]; ++k) {
        on_match(out_[k], i + 1);
      }
    }
  }

  // The symbol of a matching-text character; anything unexpected reads as a separator.
  static int Symbol(char c) {
    if (c >= 'a' && c <= 'z') return c - 'a';
    switch (c) {
      case '0': return 26;
      case '~': return 27;
      case '\'': return 28;
      case '*': return 29;
      case '^': return 31;
      default: return 30;  // ' '
    }
  }

 private:
  std::vector<std::array<std::uint32_t, kAlphabet>> next_{std::array<std::uint32_t, kAlphabet>{}};
  std::vector<std::int32_t> terminal_{-1};  // pattern ending at each state, or -1
  std::vector<std::uint32_t> lengths_;
  std::unordered_map<std::string, std::uint32_t> ids_;
  // Outputs of state s (its own pattern and those of its failure chain): out_[out_begin_[s] ..
  // out_begin_[s + 1]).
  std::vector<std::uint32_t> out_begin_;
  std::vector<std::uint32_t> out_;
};

}  // namespace schoolmod::moderation::classifier
