#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

// A trie of character patterns over the normalised matching text (normalizer.h): the stems and
// "any" terms, walked from each word's start. The alphabet is the matching text's 32 symbols, so
// the child table is dense and a step is one array load.
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
  // Frees the building state. Call once, after the last Add().
  void Build();

  std::size_t pattern_count() const { return lengths_.size(); }

  // The built trie's fields, for snapshot.h.
  template <typename Self, typename Archive>
  static void Transfer(Self& self, Archive& a) {
    a(self.children_);
    a(self.terminal_);
    a(self.short_);
    a(self.starts_);
    a(self.lengths_);
    a(self.built_);
  }
  // Whether some pattern may start at characters a, b, c (' ' past the end of the text): one
  // of one or two characters is a prefix, or a longer one starts with all three. Lets a caller
  // skip a walk that cannot match, from a 4 KB table rather than the trie. Valid after Build().
  bool MayStartWith(char a, char b, char c) const {
    const int sa = Symbol(a), sb = Symbol(b);
    if ((short_[sa] >> sb) & 1u) return true;
    const unsigned index = static_cast<unsigned>((sa * kAlphabet + sb) * kAlphabet + Symbol(c));
    return (starts_[index / 64] >> (index % 64)) & 1u;
  }
  std::size_t state_count() const { return terminal_.size(); }
  std::uint32_t pattern_length(std::uint32_t id) const { return lengths_[id]; }

  // Calls on_match(pattern_id, end) for every pattern that starts exactly at text[start], shortest
  // first: a walk down the trie that stops as soon as no pattern can start there. Stems need no
  // more, and a walk is a few steps per word where a scan is one per character.
  template <typename OnMatch>
  void ScanFrom(std::string_view text, std::size_t start, OnMatch&& on_match) const {
    // Only trie edges are followed: a failure transition would lose the prefix from `start`, so
    // the walk stops where the trie has no child. The one pattern ending at a trie node is the
    // only one of its length there.
    const std::uint32_t* children = children_.data();
    std::uint32_t state = 0;
    for (std::size_t i = start; i < text.size(); ++i) {
      const std::uint32_t child = children[state * kAlphabet + Symbol(text[i])];
      if (child == 0) return;
      state = child & ~kEndsPattern;
      if (child & kEndsPattern) on_match(static_cast<std::uint32_t>(terminal_[state]), i + 1);
    }
  }

  // Whether a walk from the start of `word` (ScanFrom) stops inside it without matching: then a
  // token spelling the word needs no walk from its start, whatever follows. Valid after Build().
  bool StopsWithin(std::string_view word) const {
    std::uint32_t state = 0;
    for (char c : word) {
      const std::uint32_t child = children_[state * kAlphabet + Symbol(c)];
      if (child == 0) return true;
      if (child & kEndsPattern) return false;
      state = child;
    }
    return false;
  }

  // The symbol of a matching-text character; anything unexpected reads as a separator.
  static int Symbol(char c) { return kSymbols[static_cast<unsigned char>(c)]; }

 private:
  // The trie, flattened: children_[state * kAlphabet + symbol] is the child, 0 for none, with
  // kEndsPattern set when a pattern ends at the child (terminal_ says which).
  static constexpr std::uint32_t kEndsPattern = 0x80000000u;
  std::vector<std::uint32_t> children_ = std::vector<std::uint32_t>(kAlphabet, 0);
  std::vector<std::int32_t> terminal_{-1};  // pattern ending at each state, or -1
  // Bit b of short_[a]: a pattern is "a" or "ab". Bit (a * 32 + b) * 32 + c of starts_: a
  // pattern of three or more characters starts "abc".
  std::array<std::uint32_t, kAlphabet> short_{};
  std::array<std::uint64_t, kAlphabet * kAlphabet * kAlphabet / 64> starts_{};
  std::vector<std::uint32_t> lengths_;
  std::unordered_map<std::string, std::uint32_t> ids_;  // while building
  bool built_ = false;
};

}  // namespace schoolmod::moderation::classifier
