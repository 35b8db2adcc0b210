#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <type_traits>
#include <string_view>
#include <vector>

#include "classifier/char_fold.h"

// Turns comment text into the form every matcher works on, remembering for each character where
// it came from in the original bytes (reasons report spans in the text as written).
//
// The matching text holds one token per word, separated by single spaces:
//   'a'..'z'  letters after NFKC, case folding, homoglyph and diacritic folding;
//   '0'       any digit that is not read as a letter;
//   '~'       a letter of another script (part of a word, never of a term);
//   '\''      an apostrophe inside a word ("don't", "head's");
//   '*'       a mask character inside a word ("f*ck", "f##k");
//   '^'       starts the name of a meaningful emoji ("^middlefinger").
// Repeated letters are squeezed to one character with a run length ("fuuuuck" is "fuck" with
// run 4 on the u), so a stretched word matches while "too" and "to" stay apart (see Lexicon).
// Leetspeak inside a word is read as letters ("sh1t", "a$$hole", "tw@t"); letters written one by
// one with single spaces, dots or dashes between them are joined ("f u c k", "f.u.c.k"); zero-width
// and bidi controls are dropped before any of this, so they split nothing.
namespace schoolmod::moderation::classifier {

inline constexpr std::uint32_t kNoToken = 0xFFFFFFFF;

struct MatchChar {
  std::uint32_t begin = 0;  // byte span in the original text
  std::uint32_t end = 0;
  std::uint32_t token = kNoToken;
  // Times the character was repeated in a row (capped at 255); a double in a word stretched
  // elsewhere counts as three ("ffuuuck": the f's are stretched too).
  std::uint8_t run = 1;
};

enum TokenFlag : std::uint32_t {
  kCapitalised = 1u << 0,   // first letter upper case in the original
  kAllCaps = 1u << 1,       // two or more letters, all upper case
  kNumber = 1u << 2,        // digits only
  kHasDigit = 1u << 3,
  kHashtag = 1u << 4,       // written after '#'
  kMention = 1u << 5,       // written after '@'
  kEmojiToken = 1u << 6,    // a meaningful emoji
  kMasked = 1u << 7,        // letters hidden behind '*' or '#'
  kLeet = 1u << 8,          // digits or symbols read as letters
  kSplit = 1u << 9,         // joined from letters written one by one
  kFolded = 1u << 10,       // contained a lookalike, decorated or accented letter
  kStretched = 1u << 11,    // a letter repeated three or more times
  kSentenceStart = 1u << 12,
  kPauseAfter = 1u << 13,   // followed by , ; : ( ) or a spaced dash: a clause boundary
  kHyphenAfter = 1u << 14,  // joined to the next token by one hyphen ("yes-men", "Lily-Mae")
  kPossessive = 1u << 15,   // ends in 's
  kQuoted = 1u << 16,       // inside quotation marks
};

// A word of up to 7 bytes as one integer: its length in the low byte, then its bytes, so two
// short words are equal exactly when their keys are. Longer words get kLongWordKey, which no
// short word's key equals.
inline constexpr std::uint64_t kLongWordKey = ~std::uint64_t{0};
constexpr std::uint64_t WordKey(std::string_view w) {
  if (w.size() >= 8) return kLongWordKey;
  std::uint64_t key = w.size();
  for (std::size_t k = 0; k < w.size(); ++k) {
    key |= std::uint64_t{static_cast<unsigned char>(w[k])} << (8 * (k + 1));
  }
  return key;
}

struct Token {
  std::uint32_t begin = 0;  // byte span in the original text
  std::uint32_t end = 0;
  std::uint32_t first = 0;  // [first, last) in NormalizedText::text
  std::uint32_t last = 0;
  std::uint32_t plain_first = 0;  // [plain_first, plain_last) in NormalizedText::plain
  std::uint32_t plain_last = 0;
  std::uint32_t sentence = 0;
  std::uint32_t flags = 0;
  std::uint64_t classes = 0;  // word-class bits (classes.h), set by Lexicon::Annotate
  std::uint32_t hash = 0;     // HashWord of the token's matching text, for the word table
  std::uint64_t word_key = 0;  // WordKey of the token's plain text, for word comparisons
  std::uint64_t text_key = 0;  // WordKey of the token's matching text, for the word table
};

// The hash of a word's matching text for the word table, computed once per token: a short
// word's WordKey mixed; a longer word's first and last 8 bytes and length mixed, which take two
// loads rather than a step per letter (the table compares the whole text after a hash match).
inline std::uint32_t HashKey(std::uint64_t key) {
  key ^= key >> 33;
  key *= 0xff51afd7ed558ccdULL;
  key ^= key >> 33;
  return static_cast<std::uint32_t>(key);
}
inline std::uint32_t HashLong(std::uint64_t head, std::uint64_t tail, std::size_t size) {
  return HashKey(head ^ (tail * 0x9E3779B97F4A7C15ULL) ^ size);
}
inline std::uint32_t HashWord(std::string_view s) {
  if (s.size() < 8) return HashKey(WordKey(s));
  std::uint64_t head, tail;
  std::memcpy(&head, s.data(), 8);
  std::memcpy(&tail, s.data() + s.size() - 8, 8);
  return HashLong(head, tail, s.size());
}

struct Sentence {
  std::uint32_t first = 0;  // [first, last) token indexes
  std::uint32_t last = 0;
  char end_mark = 0;        // '?', '!', '.' or 0 (line break, end of text)
  bool exclaimed_question = false;  // "?!" or "!?": surprise rather than a question
};

struct NormalizeOptions {
  bool join_split_letters = true;
  bool leetspeak = true;
  bool emoji_names = false;  // lexicon terms: "^name" is written out, not an emoji
};

// A growable array for per-comment scratch data: it keeps its storage between comments and does
// not initialise elements it hands out, so filling it costs one store per element.
template <typename T>
class Buffer {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  T* data() { return data_.get(); }
  const T* data() const { return data_.get(); }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](std::size_t i) { return data_[i]; }
  const T& operator[](std::size_t i) const { return data_[i]; }
  const T* begin() const { return data_.get(); }
  const T* end() const { return data_.get() + size_; }
  void clear() { size_ = 0; }
  // Room for `n` elements; the first size() are kept.
  T* Reserve(std::size_t n) {
    if (n > capacity_) {
      const std::size_t capacity = std::max(n, capacity_ * 2);
      std::unique_ptr<T[]> grown(new T[capacity]);
      std::copy(data_.get(), data_.get() + size_, grown.get());
      data_ = std::move(grown);
      capacity_ = capacity;
    }
    return data_.get();
  }
  void set_size(std::size_t n) { size_ = n; }
  void push_back(const T& value) {
    Reserve(size_ + 1)[size_] = value;
    ++size_;
  }

 private:
  std::unique_ptr<T[]> data_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

// One code point that survived folding, with its byte span (scratch state of Normalize).
struct Unit {
  CharInfo info;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

// A word before letters spelt out one by one are joined: units [first, last), or one emoji.
struct RawToken {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  bool emoji = false;
  bool split = false;
};

struct NormalizedText {
  std::string text;               // the matching text described above
  std::string plain;              // the tokens' letters as folded, repeats kept ("all", "too")
  Buffer<MatchChar> chars;        // one per character of `text`
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  bool at_sign = false;        // an '@' somewhere (emails, handles)
  bool joined_by_dot = false;  // two words joined by '.' or '/' (links)
  // Scratch state of Normalize, kept here so its capacity is reused.
  Buffer<Unit> units;  // folded code points of the input
  std::vector<std::uint8_t> word_units;
  std::vector<RawToken> raw_tokens;
  // ASCII text, one bit a byte, 64 to a word (bits past the text clear): letters or digits, and
  // letters. The one-pass tokenizer finds words and gaps from these rather than byte by byte.
  Buffer<std::uint64_t> word_bits;
  Buffer<std::uint64_t> letter_bits;

  // Reuses the buffers' capacity: the classifier normalises many texts with one object.
  void Clear();
  // Frees buffers grown past `max_units` by an unusually long text, so one megabyte comment does
  // not keep its scratch space for the life of the thread.
  void ReleaseIfLarger(std::size_t max_units);
  // The token's characters in `text` (squeezed).
  std::string_view TokenText(const Token& t) const {
    return std::string_view(text).substr(t.first, t.last - t.first);
  }
  // The token as folded but not squeezed: what word comparisons use ("all", not "al").
  std::string_view PlainText(const Token& t) const {
    return std::string_view(plain).substr(t.plain_first, t.plain_last - t.plain_first);
  }
  // The token's letters with runs expanded ("fuuuck" stays as written, case folded).
  std::string Expanded(const Token& t) const;
};

// Normalises `input` into `out` (cleared first). Never fails; invalid UTF-8 bytes act as
// separators. Linear in the input length.
void Normalize(const CharFolder& folder, std::string_view input, NormalizedText& out,
               const NormalizeOptions& options = {});

}  // namespace schoolmod::moderation::classifier
