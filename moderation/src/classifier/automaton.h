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
  static constexpr std::array<std::uint8_t, 256> kSymbols = [] {
    std::array<std::uint8_t, 256> s{};
    s.fill(30);  // ' ' and anything unexpected
    for (int c = 'a'; c <= 'z'; ++c) s[c] = static_cast<std::uint8_t>(c - 'a');
    s['0'] = 26;
    s['~'] = 27;
    s['\''] = 28;
    s['*'] = 29;
    s['^'] = 31;
    return s;
  }();

  // Adds a pattern in matching-text form and returns its id; adding the same text twice returns
  // the same id. Only before Build().
  std::uint32_t Add(std::string_view pattern);
  // Computes failure links and the full transition table. Call once.
  void Build();

  std::size_t pattern_count() const { return lengths_.size(); }
  // Whether some pattern starts with the characters a, b (b == ' ' or end for one-character
  // patterns): lets a caller skip a walk that cannot match. Valid after Build().
  bool MayStartWith(char a, char b) const {
    return (starts_[Symbol(a)] >> Symbol(b)) & 1u;
  }
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

  // Calls on_match(pattern_id, end) for every pattern that starts exactly at text[start], shortest
  // first: a walk down the trie that stops as soon as no pattern can start there. Stems need no
  // more, and a walk is a few steps per word where a scan is one per character.
  template <typename OnMatch>
  void ScanFrom(std::string_view text, std::size_t start, OnMatch&& on_match) const {
    std::uint32_t state = 0;
    for (std::size_t i = start; i < text.size(); ++i) {
      state = next_[state][Symbol(text[i])];
      const std::uint32_t walked = static_cast<std::uint32_t>(i - start + 1);
      if (depth_[state] != walked) return;  // fell back: the prefix from `start` is gone
      for (std::uint32_t k = out_begin_[state]; k < out_begin_[state + 1]; ++k) {
        if (lengths_[out_[k]] == walked) on_match(out_[k], i + 1);
      }
    }
  }

  // The symbol of a matching-text character; anything unexpected reads as a separator.
  static int Symbol(char c) { return kSymbols[static_cast<unsigned char>(c)]; }

 private:
  std::vector<std::array<std::uint32_t, kAlphabet>> next_{std::array<std::uint32_t, kAlphabet>{}};
  std::vector<std::int32_t> terminal_{-1};  // pattern ending at each state, or -1
  std::vector<std::uint32_t> depth_{0};      // characters from the root
  std::array<std::uint32_t, kAlphabet> starts_{};  // bit b of starts_[a]: a pattern starts "ab"
  std::vector<std::uint32_t> lengths_;
  std::unordered_map<std::string, std::uint32_t> ids_;
  // Outputs of state s (its own pattern and those of its failure chain): out_[out_begin_[s] ..
  // out_begin_[s + 1]).
  std::vector<std::uint32_t> out_begin_;
  std::vector<std::uint32_t> out_;
};

}  // namespace schoolmod::moderation::classifier
