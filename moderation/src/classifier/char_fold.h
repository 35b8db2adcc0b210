#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "schoolmod/result.h"

// Per-code-point folding for matching: NFKC with case folding, confusable skeletons (Cyrillic and
// Greek lookalikes), diacritics stripped, invisible characters dropped, meaningful emoji named.
// Computed once with ICU when the classifier is built, so classifying is a table lookup per
// character and never calls into ICU's normaliser.
namespace schoolmod::moderation::classifier {

enum class CharClass : std::uint8_t {
  kSpace,        // whitespace: ends a word
  kBreak,        // line break: ends a word and a sentence
  kPunct,        // punctuation or symbol: ends a word; `ascii[0]` keeps its ASCII form if any
  kLetter,       // folds to `len` ASCII lowercase letters in `ascii`
  kDigit,        // `ascii[0]` is '0'..'9'
  kApostrophe,   // ' and its typographic forms
  kOtherLetter,  // a letter with no Latin lookalike (Arabic, CJK...): part of a word, never of a term
  kIgnore,       // zero-width and bidi controls, combining marks, variation selectors: dropped
  kEmoji,        // an emoji with a meaning: `emoji` indexes CharFolder::emoji_names()
};

// Eight bytes, copied whole: the normaliser reads one per character.
struct CharInfo {
  char ascii[3] = {0, 0, 0};  // the folded letters, or the punctuation's ASCII form
  CharClass cls = CharClass::kPunct;
  std::uint8_t len = 0;   // letters in `ascii` (kLetter), 1 for kPunct/kDigit with an ASCII form
  bool upper = false;     // the original character was upper or title case
  std::uint16_t emoji = 0;
};
static_assert(sizeof(CharInfo) == 8);

class CharFolder {
 public:
  // `homoglyphs`: lines "U+XXXX<TAB>ascii" for lookalikes ICU's skeletons leave non-Latin.
  // `emoji`: lines "U+XXXX<TAB>^name"; the name becomes a word ("^middlefinger") the lexicon and
  // phrase lists can refer to. Fails (kInvalidInput) on a malformed line, naming it.
  static Result<CharFolder> Build(std::string_view homoglyphs, std::string_view emoji);

  // Thread-safe: read-only after Build().
  const CharInfo& Ascii(unsigned char c) const { return ascii_[c]; }
  CharInfo Lookup(char32_t cp) const {
    if (cp < 0x80) return ascii_[cp];
    for (const auto& range : ranges_) {
      if (cp >= range.first && cp < range.first + range.table.size()) {
        return range.table[cp - range.first];
      }
    }
    return LookupSlow(cp);
  }

  const std::vector<std::string>& emoji_names() const { return emoji_names_; }

  // The folding table's fields, for snapshot.h.
  template <typename Self, typename Archive>
  static void Transfer(Self& self, Archive& a) {
    a(self.ascii_);
    a(self.ranges_);
    a(self.emoji_);
    a(self.emoji_names_);
  }

 private:
  struct Range {
    char32_t first;
    std::vector<CharInfo> table;
    template <typename Self, typename Archive>
    static void Transfer(Self& self, Archive& a) {
      a(self.first);
      a(self.table);
    }
  };
  CharInfo LookupSlow(char32_t cp) const;

  CharInfo ascii_[128];
  std::vector<Range> ranges_;
  std::vector<std::pair<char32_t, std::uint16_t>> emoji_;  // sorted by code point
  std::vector<std::string> emoji_names_;
};

// Decodes one code point at `i`, advancing `i`. Invalid or truncated sequences, overlongs and
// surrogates decode to U+FFFD consuming one byte, so any byte string is accepted.
char32_t DecodeUtf8(std::string_view s, std::size_t& i);

// Appends the UTF-8 encoding of `cp`.
void AppendUtf8(char32_t cp, std::string& out);

}  // namespace schoolmod::moderation::classifier
