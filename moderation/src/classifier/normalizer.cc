#include "classifier/normalizer.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cstddef>
#include <cstring>
#include <type_traits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace schoolmod::moderation::classifier {
namespace {

bool IsPunct(const CharInfo& u, char c) {
  return u.cls == CharClass::kPunct && u.len == 1 && u.ascii[0] == c;
}

bool IsLetter(const CharInfo& u) { return u.cls == CharClass::kLetter; }

bool IsLetterish(const CharInfo& u) {
  return u.cls == CharClass::kLetter || u.cls == CharClass::kOtherLetter ||
         u.cls == CharClass::kDigit;
}

// What a digit or symbol stands for inside a word written in leetspeak, or 0.
char LeetLetter(const CharInfo& u) {
  if (u.len != 1) return 0;
  if (u.cls == CharClass::kDigit) {
    switch (u.ascii[0]) {
      case '0': return 'o';
      case '1': return 'i';
      case '3': return 'e';
      case '4': return 'a';
      case '5': return 's';
      case '7': return 't';
      default: return 0;
    }
  }
  if (u.cls == CharClass::kPunct) {
    switch (u.ascii[0]) {
      case '@': return 'a';
      case '$': return 's';
      case '!': return 'i';
      default: return 0;
    }
  }
  return 0;
}

bool IsMask(const CharInfo& u) { return IsPunct(u, '*') || IsPunct(u, '#'); }

// Per byte: 1 a word unit (letter or digit), 2 a symbol that may join a word (' ` @ $ ! * #),
// 4 dropped (DEL), 8 not ASCII.
constexpr std::array<std::uint8_t, 256> kAsciiFlags = [] {
  std::array<std::uint8_t, 256> flags{};
  for (int c = 0; c < 128; ++c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) flags[c] = 1;
  }
  for (char c : {'\'', '`', '@', '$', '!', '*', '#'}) flags[static_cast<int>(c)] = 2;
  flags[0x7F] = 4;
  for (int c = 0x80; c < 256; ++c) flags[c] = 8;
  return flags;
}();

// The units of a text as the passes after folding read them: each unit's folded form and its
// byte span. In general they are the code points the first pass stored; in ASCII text without
// DEL each byte is a unit, so the passes read the bytes and the folder's ASCII table directly.
class StoredUnits {
 public:
  // `extra` is what Extra() summed over the units, counted while they were folded.
  StoredUnits(const Unit* units, std::size_t n, std::size_t extra)
      : units_(units), n_(n), extra_(extra) {}
  std::size_t size() const { return n_; }
  const CharInfo& info(std::size_t k) const { return units_[k].info; }
  std::uint32_t begin(std::size_t k) const { return units_[k].begin; }
  std::uint32_t end(std::size_t k) const { return units_[k].end; }
  // Room the matching text may need: each unit emits its letters (up to 3) or an emoji's name
  // (up to 16), plus at most one separator.
  std::size_t Bound() const { return 2 * n_ + 2 + extra_; }
  // What a unit needs beyond two characters (none for ASCII).
  static std::size_t Extra(const CharInfo& u) {
    if (u.cls == CharClass::kEmoji) return 16;
    return u.len > 1 ? u.len - 1 : 0;
  }

 private:
  const Unit* units_;
  std::size_t n_;
  std::size_t extra_;
};

class AsciiUnits {
 public:
  AsciiUnits(const CharFolder& folder, std::string_view text) : folder_(folder), text_(text) {}
  std::size_t size() const { return text_.size(); }
  const CharInfo& info(std::size_t k) const {
    return folder_.Ascii(static_cast<unsigned char>(text_[k]));
  }
  std::uint32_t begin(std::size_t k) const { return static_cast<std::uint32_t>(k); }
  std::uint32_t end(std::size_t k) const { return static_cast<std::uint32_t>(k + 1); }
  std::size_t Bound() const { return 2 * text_.size() + 2; }  // one letter per unit, no emoji
  const unsigned char* bytes() const { return reinterpret_cast<const unsigned char*>(text_.data()); }

 private:
  const CharFolder& folder_;
  std::string_view text_;
};

// Units that are part of a word. Symbols count only where they stand for letters.
// `word` already marks letters and digits (the first pass does it); this decides the symbols
// that may stand for letters or join a word, from their neighbours.
template <typename Units>
void MarkWordUnits(const Units& units, std::vector<std::uint8_t>& word) {
  const std::size_t n = units.size();
  for (std::size_t k = 0; k < n; ++k) {
    const CharInfo& u = units.info(k);
    const bool prev = k > 0;
    const bool next = k + 1 < n;
    switch (u.cls) {
      case CharClass::kApostrophe:
        word[k] = prev && next && IsLetterish(units.info(k - 1)) && IsLetter(units.info(k + 1));
        break;
      case CharClass::kPunct: {
        if (u.len != 1) break;
        char c = u.ascii[0];
        if (c == '@' || c == '$') {
          std::size_t j = k + 1;
          while (j < n && (IsPunct(units.info(j), '@') || IsPunct(units.info(j), '$'))) ++j;
          word[k] = j < n && IsLetter(units.info(j)) && (j - k) <= 2;
          if (!word[k] && prev && word[k - 1] && IsLetter(units.info(k - 1)) && next &&
              IsLetter(units.info(k + 1))) {
            word[k] = 1;
          }
        } else if (c == '!') {
          word[k] = prev && next && IsLetter(units.info(k - 1)) && IsLetter(units.info(k + 1));
        } else if (c == '*') {
          word[k] = prev && word[k - 1];
        } else if (c == '#') {
          word[k] = prev && IsLetter(units.info(k - 1)) && next &&
                    (IsLetter(units.info(k + 1)) || IsMask(units.info(k + 1)));
        }
        break;
      }
      default:
        break;
    }
  }
}

// A one-unit word that may be one letter of a word spelt out ("f u c k", "s.h.1.t").
template <typename Units>
bool IsSingleLetterUnit(const Units& units, std::uint32_t k) {
  const CharInfo& u = units.info(k);
  return (IsLetter(u) && u.len == 1) || LeetLetter(u) != 0;
}

template <typename Units>
bool IsSingleLetterToken(const Units& units, const RawToken& t) {
  if (t.emoji || t.last - t.first != 1) return false;
  return IsSingleLetterUnit(units, t.first);
}

// The separator between two raw tokens if it is exactly one space, dot, dash or similar.
template <typename Units>
char SingleSeparator(const Units& units, const RawToken& a, const RawToken& b) {
  if (b.first != a.last + 1) return 0;
  const CharInfo& u = units.info(a.last);
  if (u.cls == CharClass::kSpace) return ' ';
  if (u.cls != CharClass::kPunct || u.len != 1) return 0;
  char c = u.ascii[0];
  return (c == '.' || c == '-' || c == '_' || c == '*' || c == '/' || c == '|' || c == '+' ||
          c == '~')
             ? c
             : 0;
}

bool IsQuoteMark(const CharInfo& u) {
  return u.cls == CharClass::kApostrophe || IsPunct(u, '"');
}

// "3pm", "1st", "10k", "25m": a number with a unit, not leetspeak.
template <typename Units>
bool IsNumberWithSuffix(const Units& units, const RawToken& t) {
  std::uint32_t k = t.first;
  while (k < t.last && units.info(k).cls == CharClass::kDigit) ++k;
  if (k == t.first) return false;
  std::string suffix;
  for (; k < t.last; ++k) {
    const CharInfo& u = units.info(k);
    if (!IsLetter(u)) return false;
    suffix.append(u.ascii, u.len);
  }
  static constexpr std::array<std::string_view, 24> kSuffixes = {
      "st", "nd", "rd", "th", "am", "pm", "s", "m", "k", "km", "cm", "mm",
      "kg", "g", "h", "hr", "hrs", "min", "mins", "yo", "yr", "yrs", "x", "p"};
  return std::find(kSuffixes.begin(), kSuffixes.end(), suffix) != kSuffixes.end();
}

bool IsAbbreviationBeforeDot(std::string_view token) {
  return token == "mr" || token == "mrs" || token == "ms" || token == "dr" || token == "st" ||
         token == "mx" || token == "no" || token == "vs" || token == "etc";
}

}  // namespace

void NormalizedText::Clear() {
  text.clear();
  plain.clear();
  at_sign = false;
  joined_by_dot = false;
  chars.clear();
  tokens.clear();
  sentences.clear();
  units.clear();
}

void NormalizedText::ReleaseIfLarger(std::size_t max_units) {
  if (text.capacity() <= 2 * max_units && units.size() <= max_units &&
      word_units.size() <= max_units + 1) {
    return;
  }
  NormalizedText fresh;
  *this = std::move(fresh);
}

std::string NormalizedText::Expanded(const Token& t) const {
  std::string out;
  for (std::uint32_t i = t.first; i < t.last; ++i) out.append(chars[i].run, text[i]);
  return out;
}

namespace {

// Where pass 4 writes: the matching text, the plain letters and the character spans, sized for
// the worst case, and the quotation and sentence state between words.
struct Emission {
  NormalizedText& out;
  char* tp;
  char* pp;
  MatchChar* cp;
  std::size_t bound;
  std::size_t tn = 0;
  std::size_t pn = 0;
  bool in_quote = false;
  std::uint32_t sentence_start = 0;

  Emission(NormalizedText& text, std::size_t size) : out(text), bound(size) {
    out.text.resize(bound);
    out.plain.resize(bound);
    tp = out.text.data();
    pp = out.plain.data();
    cp = out.chars.Reserve(bound);
  }

  void CloseSentence(char mark, bool exclaimed) {
    std::vector<Token>& tokens = out.tokens;
    if (tokens.size() > sentence_start) {
      // The tokens got their sentence's index when emitted: sentences.size() until now.
      out.sentences.push_back({sentence_start, static_cast<std::uint32_t>(tokens.size()), mark,
                               exclaimed});
      tokens[sentence_start].flags |= kSentenceStart;
      sentence_start = static_cast<std::uint32_t>(tokens.size());
    }
  }
};

// The gap before the word starting at unit `first`: sentence ends, pauses, quotes, hyphens,
// links; then the separator.
template <typename Units>
void EmitGap(const Units& units, std::uint32_t gap_begin, std::uint32_t first, Emission& e) {
  NormalizedText& out = e.out;
  // Most gaps are one space, which ends nothing and only needs the separator.
  if (first == gap_begin + 1 && units.info(gap_begin).cls == CharClass::kSpace) {
    if (!out.tokens.empty()) {
      e.tp[e.tn] = ' ';
      e.cp[e.tn++] = MatchChar{units.end(gap_begin - 1), units.begin(first), kNoToken, 1};
    }
    return;
  }
  bool has_break = false, has_q = false, has_ex = false, has_dot = false, pause = false;
  bool has_space = false, quote_open = false, quote_close = false;
  for (std::uint32_t k = gap_begin; k < first; ++k) {
    const CharInfo& u = units.info(k);
    if (u.cls == CharClass::kBreak) has_break = true;
    if (u.cls == CharClass::kSpace) has_space = true;
    // A quote mark right before the word opens a quotation, one right after the previous
    // word closes it ("parents' evening" closes nothing that was not open).
    if (IsQuoteMark(u) && k + 1 == first && (k > gap_begin || gap_begin == 0)) {
      quote_open = true;
    }
    if (IsQuoteMark(u) && k == gap_begin && gap_begin > 0 && k + 1 < first) quote_close = true;
    if (u.cls != CharClass::kPunct || u.len != 1) continue;
    switch (u.ascii[0]) {
      case '?': has_q = true; break;
      case '!': has_ex = true; break;
      case '.': has_dot = true; break;
      case ',': case ';': case ':': case '(': case ')': pause = true; break;
      case '-': pause = pause || has_space; break;
      default: break;
    }
  }
  if (!out.tokens.empty()) {
    Token& prev = out.tokens.back();
    const bool only_dot = has_dot && first == gap_begin + 1;
    bool ends = has_break || has_q || has_ex;
    if (has_dot && !ends) {
      const bool initial = prev.last - prev.first == 1;
      const bool abbreviation =
          IsAbbreviationBeforeDot(std::string_view(e.tp + prev.first, prev.last - prev.first));
      const bool next_capital = IsLetter(units.info(first)) && units.info(first).upper;
      ends = !abbreviation && (!only_dot || (next_capital && !initial));
    }
    if (pause || ends) prev.flags |= kPauseAfter;
    if (first == gap_begin + 1 && IsPunct(units.info(gap_begin), '-')) prev.flags |= kHyphenAfter;
    // "bit.ly", "shop.xyz": a dot or slash joining two words may be a link.
    if (first == gap_begin + 1 &&
        (IsPunct(units.info(gap_begin), '.') || IsPunct(units.info(gap_begin), '/'))) {
      out.joined_by_dot = true;
    }
    if (quote_close && e.in_quote) e.in_quote = false;
    if (ends) e.CloseSentence(has_q ? '?' : has_ex ? '!' : has_break ? 0 : '.', has_q && has_ex);
    // The separator keeps the gap's span so a phrase's span covers what lies between.
    e.tp[e.tn] = ' ';
    e.cp[e.tn++] = MatchChar{units.end(gap_begin - 1), units.begin(first), kNoToken, 1};
  }
  if (quote_open && !e.in_quote) e.in_quote = true;
}

// A word of plain one-byte letters, the common case, with perhaps one-byte apostrophes inside
// ("don't"): emitted and hashed in one loop, as EmitWord would. Returns false, having emitted
// nothing, at the first unit that is anything else.
template <typename Units>
bool EmitLetters(const Units& units, std::uint32_t first, std::uint32_t last, std::uint32_t index,
                 Emission& e, Token& token) {
  // Positions and the previous letter live in locals: every char store through tp and pp could
  // otherwise alias them and force a reload per letter.
  char* const tp = e.tp;
  char* const pp = e.pp;
  MatchChar* const cp = e.cp;
  const std::size_t t0 = e.tn, p0 = e.pn;
  std::size_t t = t0, p = p0;
  char previous = 0;  // the last letter emitted (squeezed) in this word
  int upper = 0;
  std::uint32_t flags = token.flags;
  std::uint64_t text_key = 0, word_key = 0;  // WordKey's bytes, while the word is short
  int letters = 0;
  for (std::uint32_t k = first; k < last; ++k) {
    const CharInfo& u = units.info(k);
    if (units.end(k) - units.begin(k) != 1) return false;
    if (u.cls == CharClass::kApostrophe) {
      // Kept as '\'', never squeezed, and no letter after it squeezes into the one before.
      constexpr auto kByte = std::uint64_t{'\''};
      if (p - p0 < 7) word_key |= kByte << (8 * (p - p0 + 1));
      pp[p++] = '\'';
      if (t - t0 < 7) text_key |= kByte << (8 * (t - t0 + 1));
      tp[t] = '\'';
      cp[t++] = MatchChar{units.begin(k), units.end(k), index, 1};
      previous = '\'';
      continue;
    }
    if (u.cls != CharClass::kLetter) return false;
    ++letters;
    const char c = u.ascii[0];
    const auto byte = std::uint64_t{static_cast<unsigned char>(c)};
    upper += u.upper;
    if (p - p0 < 7) word_key |= byte << (8 * (p - p0 + 1));
    pp[p++] = c;
    if (c == previous) {
      MatchChar& m = cp[t - 1];
      if (m.run < 255) ++m.run;
      m.end = units.end(k);
      if (m.run == 3) flags |= kStretched;
    } else {
      if (t - t0 < 7) text_key |= byte << (8 * (t - t0 + 1));
      tp[t] = c;
      cp[t++] = MatchChar{units.begin(k), units.end(k), index, 1};
      previous = c;
    }
  }
  e.tn = t;
  e.pn = p;
  if (units.info(first).upper) flags |= kCapitalised;
  if (letters >= 2 && upper == letters) flags |= kAllCaps;
  token.flags = flags;
  token.text_key = t - t0 < 8 ? text_key | (t - t0) : kLongWordKey;
  token.word_key = p - p0 < 8 ? word_key | (p - p0) : kLongWordKey;
  token.hash = t - t0 < 8 ? HashKey(token.text_key) : HashWord(std::string_view(tp + t0, t - t0));
  return true;
}

// A word of 1 to 7 ASCII letters with some letter repeated ("good", "all"): EmitLetters' result
// from the word's bytes already case-folded in `lower`, without a table lookup per letter.
void EmitShortSqueezed(std::uint64_t lower, std::uint32_t first, std::uint32_t length,
                       std::uint32_t index, Emission& e, Token& token) {
  char* const tp = e.tp + e.tn;
  MatchChar* const cp = e.cp + e.tn;
  std::uint32_t t = 0;
  std::uint64_t text_key = 0;
  std::uint32_t flags = token.flags;
  char previous = 0;
  for (std::uint32_t k = 0; k < length; ++k) {
    const char c = static_cast<char>(lower >> (8 * k));
    if (c == previous) {
      MatchChar& m = cp[t - 1];
      ++m.run;  // at most 7: no cap needed
      m.end = first + k + 1;
      if (m.run == 3) flags |= kStretched;
      continue;
    }
    text_key |= std::uint64_t{static_cast<unsigned char>(c)} << (8 * (t + 1));
    tp[t] = c;
    cp[t++] = MatchChar{first + k, first + k + 1, index, 1};
    previous = c;
  }
  std::memcpy(e.pp + e.pn, &lower, 8);
  e.tn += t;
  e.pn += length;
  token.flags = flags;
  token.text_key = text_key | t;
  token.word_key = (lower << 8) | length;
  token.hash = HashKey(token.text_key);
}

// A word of 1 to 7 ASCII letters, read 8 bytes at a time: the common case of EmitLetters
// without a loop per letter (one per letter only if some letter is repeated). Needs 8 readable
// bytes at s + first and 8 bytes of room in the buffers.
void EmitShortWord(const unsigned char* s, std::uint32_t first, std::uint32_t length,
                   std::uint32_t index, Emission& e, Token& token) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  static_assert(std::endian::native == std::endian::little);
  std::uint64_t x;
  std::memcpy(&x, s + first, 8);
  const std::uint64_t mask = (std::uint64_t{1} << (8 * length)) - 1;
  const std::uint64_t lower = (x | (0x20 * kOnes)) & mask;
  const std::uint64_t upper = ~x & (0x20 * kOnes) & mask;  // case bit clear: upper case
  if (upper & 0x20) token.flags |= kCapitalised;
  if (length >= 2 && upper == (0x20 * kOnes & mask)) token.flags |= kAllCaps;
  // A zero byte of lower ^ (lower << 8) below `length` is a letter equal to the one before.
  const std::uint64_t diff = (lower ^ (lower << 8)) | ~mask;
  if (((diff - kOnes) & ~diff & (0x80 * kOnes)) != 0) {
    EmitShortSqueezed(lower, first, length, index, e, token);
    return;
  }
  std::memcpy(e.tp + e.tn, &lower, 8);
  std::memcpy(e.pp + e.pn, &lower, 8);
  // All 8 spans, whatever the length: no branch to mispredict, and the spans past the word are
  // overwritten later. Each is {begin, end, token, run} as four 32-bit lanes (run's padding 0).
  static_assert(sizeof(MatchChar) == 16 && offsetof(MatchChar, run) == 12);
  using Lanes = std::uint32_t __attribute__((vector_size(16)));
  Lanes span = {first, first + 1, index, 1};
  const Lanes step = {1, 1, 0, 0};
  char* cp = reinterpret_cast<char*>(e.cp + e.tn);
  for (int k = 0; k < 8; ++k) {
    std::memcpy(cp + 16 * k, &span, 16);
    span += step;
  }
  e.tn += length;
  e.pn += length;
  token.text_key = token.word_key = (lower << 8) | length;
  token.hash = HashKey(token.text_key);
}

// A word of 8 to 15 ASCII letters with no letter repeated, read as two overlapping 8-byte
// halves: EmitLetters' result without a loop per letter but the spans'. Returns false, having
// emitted nothing, if a letter is repeated. Needs 16 bytes of room in the buffers; `length`
// below 8 would read and write before the word.
bool EmitLongWord(const unsigned char* s, std::uint32_t first, std::uint32_t length,
                  std::uint32_t index, Emission& e, Token& token) {
  assert(length >= 8 && length < 16);
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kCase = 0x20 * kOnes;
  std::uint64_t head, tail;  // bytes [0, 8) and [length - 8, length): every adjacent pair is in one
  std::memcpy(&head, s + first, 8);
  std::memcpy(&tail, s + first + length - 8, 8);
  const std::uint64_t lower_head = head | kCase, lower_tail = tail | kCase;
  // A zero byte of x ^ (x << 8) past the first is a letter equal to the one before.
  auto repeats = [&](std::uint64_t x) {
    const std::uint64_t diff = (x ^ (x << 8)) | 0xFF;
    return ((diff - kOnes) & ~diff & (0x80 * kOnes)) != 0;
  };
  if (repeats(lower_head) || repeats(lower_tail)) return false;
  std::memcpy(e.tp + e.tn, &lower_head, 8);
  std::memcpy(e.tp + e.tn + length - 8, &lower_tail, 8);
  std::memcpy(e.pp + e.pn, &lower_head, 8);
  std::memcpy(e.pp + e.pn + length - 8, &lower_tail, 8);
  static_assert(sizeof(MatchChar) == 16 && offsetof(MatchChar, run) == 12);
  using Lanes = std::uint32_t __attribute__((vector_size(16)));
  Lanes span = {first, first + 1, index, 1};
  const Lanes step = {1, 1, 0, 0};
  char* cp = reinterpret_cast<char*>(e.cp + e.tn);
  for (std::uint32_t k = 0; k < length; ++k) {
    std::memcpy(cp + 16 * k, &span, 16);
    span += step;
  }
  e.tn += length;
  e.pn += length;
  if (!(head & 0x20)) token.flags |= kCapitalised;
  if (((head | tail) & kCase) == 0) token.flags |= kAllCaps;
  token.text_key = token.word_key = kLongWordKey;
  token.hash = HashLong(lower_head, lower_tail, length);
  return true;
}

// Any other word: an emoji's name, leetspeak, digits, masks, apostrophes, letters spelt out one
// by one, folded letters.
// Out of line: it is big and most words never need it, so the common path stays compact.
template <typename Units>
[[gnu::noinline]] void EmitWord(const CharFolder& folder, const Units& units, const RawToken& rt,
              const NormalizeOptions& options, std::uint32_t index, Emission& e, Token& token) {
  auto emit = [&](char c, std::uint32_t k) {
    e.pp[e.pn++] = c;
    const bool squeezable = (c >= 'a' && c <= 'z') || c == '*';
    if (squeezable && e.tn > token.first && e.tp[e.tn - 1] == c) {
      MatchChar& last = e.cp[e.tn - 1];
      if (last.run < 255) ++last.run;
      last.end = units.end(k);
      if (last.run == 3) token.flags |= kStretched;
      return;
    }
    e.tp[e.tn] = c;
    e.cp[e.tn++] = MatchChar{units.begin(k), units.end(k), index, 1};
  };
  if (rt.emoji) {
    token.flags |= kEmojiToken;
    for (char c : folder.emoji_names()[units.info(rt.first).emoji]) emit(c, rt.first);
    return;
  }
  // A joined word keeps only its letters; the separators between them are skipped.
  auto included = [&](std::uint32_t k) { return !rt.split || IsSingleLetterUnit(units, k); };
  // Leetspeak only in a word with at least two real letters and no more symbols than
  // letters, so "3pm", "Y6" and "07700" keep their digits.
  int letters = 0, leet = 0, digits = 0, upper = 0, counted = 0;
  std::uint32_t first_unit = rt.first;
  if (IsPunct(units.info(first_unit), '@') && rt.last - rt.first > 1 &&
      (units.info(first_unit + 1).upper || rt.last - rt.first > 5)) {
    token.flags |= kMention;
    ++first_unit;
  }
  for (std::uint32_t k = first_unit; k < rt.last; ++k) {
    if (!included(k)) continue;
    const CharInfo& u = units.info(k);
    ++counted;
    if (IsLetter(u)) {
      ++letters;
      upper += u.upper;
      if (units.end(k) - units.begin(k) > 1) token.flags |= kFolded;
    } else if (u.cls == CharClass::kDigit) {
      ++digits;
      if (LeetLetter(u)) ++leet;
    } else if (LeetLetter(u)) {
      ++leet;
    } else if (IsMask(u)) {
      token.flags |= kMasked;
    }
  }
  // "KS1", "Y11", "PS5": a short code in capitals with its number at the end is not
  // leetspeak; "pi55" is.
  std::uint32_t last_letter = first_unit;
  for (std::uint32_t k = first_unit; k < rt.last; ++k) {
    if (included(k) && IsLetter(units.info(k))) last_letter = k;
  }
  bool code = letters <= 3 && (letters == 1 || upper == letters);
  for (std::uint32_t k = first_unit; k <= last_letter && code; ++k) {
    code = !(included(k) && LeetLetter(units.info(k)));
  }
  const bool use_leet = options.leetspeak && letters >= 2 && leet >= 1 && leet <= letters &&
                        !IsNumberWithSuffix(units, rt) && !code;
  if (use_leet) token.flags |= kLeet;
  if (digits > 0 && digits == counted) token.flags |= kNumber;
  for (std::uint32_t k = first_unit; k < rt.last; ++k) {
    if (!included(k)) continue;
    const CharInfo& u = units.info(k);
    if (IsLetter(u)) {
      for (int c = 0; c < u.len; ++c) emit(u.ascii[c], k);
      continue;
    }
    char leet_letter = use_leet || rt.split ? LeetLetter(u) : 0;
    if (leet_letter) {
      emit(leet_letter, k);
    } else if (u.cls == CharClass::kDigit) {
      token.flags |= kHasDigit;
      emit('0', k);
    } else if (u.cls == CharClass::kOtherLetter) {
      emit('~', k);
    } else if (u.cls == CharClass::kApostrophe) {
      emit('\'', k);
    } else if (IsMask(u)) {
      emit('*', k);
    } else {
      // '@', '$' or '!' not read as letters: keep the word in one piece.
      emit('~', k);
    }
  }
  const CharInfo& head = units.info(first_unit);
  if (IsLetter(head) && head.upper) token.flags |= kCapitalised;
  if (letters >= 2 && upper == letters) token.flags |= kAllCaps;
}

// Pass 4 for one word: the gap before it, then the word itself, appended to out.tokens.
// `letters` says the word is known to be ASCII letters only.
template <typename Units>
void EmitToken(const CharFolder& folder, const Units& units, const RawToken& rt,
               const NormalizeOptions& options, std::uint32_t& gap_begin, Emission& e,
               bool letters = false) {
  EmitGap(units, gap_begin, rt.first, e);
  std::vector<Token>& tokens = e.out.tokens;
  const auto index = static_cast<std::uint32_t>(tokens.size());
  Token& token = tokens.emplace_back();  // capacity reserved: no reallocation
  token.begin = units.begin(rt.first);
  token.end = units.end(rt.last - 1);
  token.sentence = static_cast<std::uint32_t>(e.out.sentences.size());  // the one still open
  token.first = static_cast<std::uint32_t>(e.tn);
  token.plain_first = static_cast<std::uint32_t>(e.pn);
  std::uint32_t flags = 0;
  if (e.in_quote) flags |= kQuoted;
  if (rt.first > 0 && IsPunct(units.info(rt.first - 1), '#')) flags |= kHashtag;
  if (rt.split) flags |= kSplit;
  token.flags = flags;
  bool hashed = false;
  if constexpr (std::is_same_v<Units, AsciiUnits>) {
    const std::uint32_t length = rt.last - rt.first;
    hashed = letters && length < 8 && rt.first + 8 <= units.size() && e.tn + 8 <= e.bound &&
             e.pn + 8 <= e.bound;
    if (hashed) EmitShortWord(units.bytes(), rt.first, length, index, e, token);
  }
  if (!hashed) {
    hashed = !rt.emoji && !rt.split && EmitLetters(units, rt.first, rt.last, index, e, token);
  }
  if (!hashed) EmitWord(folder, units, rt, options, index, e, token);
  token.last = static_cast<std::uint32_t>(e.tn);
  token.plain_last = static_cast<std::uint32_t>(e.pn);
  gap_begin = rt.last;
  if (token.last == token.first) {
    // A word of symbols only (a lone "@"): nothing to match; drop it and its separator.
    tokens.pop_back();
    if (e.tn > 0 && e.tp[e.tn - 1] == ' ') --e.tn;
    return;
  }
  const std::string_view tt(e.tp + token.first, token.last - token.first);
  if (tt.size() > 2 && tt[tt.size() - 2] == '\'' && tt[tt.size() - 1] == 's') {
    token.flags |= kPossessive;
  }
  if (!hashed) {
    token.hash = HashWord(tt);
    token.text_key = WordKey(tt);
    token.word_key =
        WordKey(std::string_view(e.pp + token.plain_first, token.plain_last - token.plain_first));
  }
}

// The end of the text closes the last sentence; its mark is whatever punctuation trails.
template <typename Units>
void FinishText(const Units& units, std::uint32_t gap_begin, Emission& e) {
  NormalizedText& out = e.out;
  out.text.resize(e.tn);
  out.plain.resize(e.pn);
  out.chars.set_size(e.tn);
  char mark = 0;
  bool q = false, ex = false;
  for (std::uint32_t k = gap_begin; k < units.size(); ++k) {
    const CharInfo& u = units.info(k);
    if (u.cls != CharClass::kPunct || u.len != 1) continue;
    char c = u.ascii[0];
    q |= c == '?';
    ex |= c == '!';
    if (c == '.' && mark == 0) mark = '.';
  }
  e.CloseSentence(q ? '?' : ex ? '!' : mark, q && ex);
}

// Passes 2 to 4 over the folded units: words, letters spelt out one by one, the matching text.
// `word` marks the letters and digits; `symbols` says whether any unit might join a word.
template <typename Units>
void Tokenize(const CharFolder& folder, const Units& units, std::vector<std::uint8_t>& word,
              bool symbols, NormalizedText& out, const NormalizeOptions& options) {
  const std::size_t n = units.size();
  // 2. Words: runs of word units; each meaningful emoji is a word of its own.
  std::vector<RawToken>& raw = out.raw_tokens;
  if (symbols) MarkWordUnits(units, word);
  raw.clear();
  const std::uint8_t* wp = word.data();
  for (std::uint32_t k = 0; k < n;) {
    if (units.info(k).cls == CharClass::kEmoji) {
      raw.push_back({k, k + 1, true, false});
      ++k;
    } else if (wp[k]) {
      std::uint32_t j = k + 1;
      while (j < n && wp[j]) ++j;
      raw.push_back({k, j, false, false});
      k = j;
    } else {
      ++k;
    }
  }

  // 3. Join letters spelt out one by one with the same single separator: "F U C K", "f.u.c.k".
  if (options.join_split_letters) {
    std::size_t w = 0;
    for (std::size_t r = 0; r < raw.size();) {
      std::size_t end = r + 1;
      if (IsSingleLetterToken(units, raw[r])) {
        char sep = 0;
        bool other_separator = false;
        while (end < raw.size() && IsSingleLetterToken(units, raw[end])) {
          char s = SingleSeparator(units, raw[end - 1], raw[end]);
          other_separator = s != 0 && sep != 0 && s != sep;
          if (s == 0 || other_separator) break;
          sep = s;
          ++end;
        }
        // "I a s.h.i.t": where spaces give way to dots or dashes, the letter between belongs to
        // the deliberate spelling, not to the spaced words before it.
        if (other_separator && sep == ' ') --end;
      }
      if (end - r >= 3) {
        // The joined word spans the separators too; they are skipped when emitting.
        raw[w++] = {raw[r].first, raw[end - 1].last, false, true};
        r = end;
      } else {
        // Too short to join: this token stays a word, and the run is tried again from the next
        // one, whose separator may differ ("a f-u-c-k" is "a" and "fuck").
        raw[w++] = raw[r++];
      }
    }
    raw.resize(w);
  }

  // 4. Emit the matching text, token by token, into buffers sized for the worst case.
  Emission e(out, units.Bound());
  out.tokens.reserve(raw.size());
  std::uint32_t gap_begin = 0;  // first unit after the previous token
  for (const RawToken& rt : raw) EmitToken(folder, units, rt, options, gap_begin, e);
  FinishText(units, gap_begin, e);
}

// What the single pass over ASCII text needs to know of each byte.
enum AsciiKind : std::uint8_t {
  kGapByte,     // space, line break, punctuation: never part of a word here
  kLetterByte,  // A-Z, a-z
  kDigitByte,
  kQuoteByte,   // ' : part of a word between a letter or digit and a letter
  kBangByte,    // ! : part of a word between two letters ("sh!t")
  kOtherByte,   // ` @ $ * #, DEL, non-ASCII: the text is left to the general passes
};
constexpr std::array<std::uint8_t, 256> kAsciiKinds = [] {
  std::array<std::uint8_t, 256> kinds{};
  for (int c = 0; c < 256; ++c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) kinds[c] = kLetterByte;
    else if (c >= '0' && c <= '9') kinds[c] = kDigitByte;
    else if (c == '\'') kinds[c] = kQuoteByte;
    else if (c == '!') kinds[c] = kBangByte;
    else if (c == '`' || c == '@' || c == '$' || c == '*' || c == '#' || c >= 0x7F) {
      kinds[c] = kOtherByte;
    }
    else kinds[c] = kGapByte;
  }
  return kinds;
}();

// 16 bytes' kinds as bit masks (bit k for byte k): letters or digits, letters, and the bytes
// TokenizeAscii leaves to the general passes (kOtherByte).
struct ByteKinds16 {
  std::uint32_t word = 0;
  std::uint32_t letter = 0;
  std::uint32_t other = 0;
};
[[gnu::always_inline]] inline ByteKinds16 ClassifyBytes16(const unsigned char* p) {
#if defined(__SSE2__)
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  // Whether x is in [lo, lo + count): unsigned x - lo < count, as a signed compare.
  const __m128i bias = _mm_set1_epi8(static_cast<char>(0x80));
  auto in_range = [&](__m128i x, char lo, int count) {
    const __m128i t = _mm_xor_si128(_mm_sub_epi8(x, _mm_set1_epi8(lo)), bias);
    return _mm_cmplt_epi8(t, _mm_set1_epi8(static_cast<char>(count - 128)));
  };
  const __m128i letter = in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 26);
  const __m128i digit = in_range(v, '0', 10);
  __m128i other = _mm_or_si128(_mm_cmplt_epi8(v, _mm_setzero_si128()),  // 0x80 and above
                               _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
  for (char c : {'`', '@', '$', '*', '#'}) {
    other = _mm_or_si128(other, _mm_cmpeq_epi8(v, _mm_set1_epi8(c)));
  }
  return {static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_or_si128(letter, digit))),
          static_cast<std::uint32_t>(_mm_movemask_epi8(letter)),
          static_cast<std::uint32_t>(_mm_movemask_epi8(other))};
#else
  ByteKinds16 kinds;
  for (int k = 0; k < 16; ++k) {
    const std::uint8_t kind = kAsciiKinds[p[k]];
    kinds.word |= std::uint32_t{kind == kLetterByte || kind == kDigitByte} << k;
    kinds.letter |= std::uint32_t{kind == kLetterByte} << k;
    kinds.other |= std::uint32_t{kind == kOtherByte} << k;
  }
  return kinds;
#endif
}

// Fills out.word_bits and out.letter_bits for `text`, (size / 64) + 1 words, so that the bit
// at the text's end exists and is clear. Returns whether the text has a byte TokenizeAscii
// leaves to the general passes.
bool ClassifyBytes(std::string_view text, NormalizedText& out) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  const std::size_t words = n / 64 + 1;
  std::uint64_t* word_bits = out.word_bits.Reserve(words);
  std::uint64_t* letter_bits = out.letter_bits.Reserve(words);
  out.word_bits.set_size(words);
  out.letter_bits.set_size(words);
  std::uint32_t other = 0;
  for (std::size_t w = 0; w < words; ++w) {
    std::uint64_t word = 0, letter = 0;
    for (std::size_t part = 0; part < 4; ++part) {
      const std::size_t at = 64 * w + 16 * part;
      ByteKinds16 kinds;
      if (at + 16 <= n) {
        kinds = ClassifyBytes16(s + at);
      } else if (at < n) {
        unsigned char tail[16] = {};  // zero bytes: none of the kinds
        std::memcpy(tail, s + at, n - at);
        kinds = ClassifyBytes16(tail);
      } else {
        break;
      }
      word |= std::uint64_t{kinds.word} << (16 * part);
      letter |= std::uint64_t{kinds.letter} << (16 * part);
      other |= kinds.other;
    }
    word_bits[w] = word;
    letter_bits[w] = letter;
  }
  return other != 0;
}

// The first position from k (k <= n) whose bit is set, or n: bits past n are clear.
std::uint32_t NextSetBit(const std::uint64_t* bits, std::uint32_t k, std::uint32_t n) {
  std::uint32_t w = k / 64;
  std::uint64_t x = bits[w] >> (k % 64);
  if (x != 0) return k + static_cast<std::uint32_t>(std::countr_zero(x));
  for (++w; w <= n / 64; ++w) {
    if (bits[w] != 0) return 64 * w + static_cast<std::uint32_t>(std::countr_zero(bits[w]));
  }
  return n;
}

// The first position from k (k <= n) whose bit is clear: at most n, whose bit is clear.
std::uint32_t NextClearBit(const std::uint64_t* bits, std::uint32_t k) {
  std::uint32_t w = k / 64;
  std::uint64_t x = ~bits[w] >> (k % 64);
  if (x != 0) return k + static_cast<std::uint32_t>(std::countr_zero(x));
  while (~bits[++w] == 0) {
  }
  return 64 * w + static_cast<std::uint32_t>(std::countr_zero(~bits[w]));
}

// Whether the byte between two one-letter words would let them be joined as a word spelt out
// one by one (SingleSeparator): a space or control, or one of . - _ / | + ~ ('*' never gets here).
bool MaySeparateLetters(unsigned char c) {
  return (c < 0x20 && c != '\n' && c != '\r') || c == ' ' || c == '.' || c == '-' || c == '_' ||
         c == '/' || c == '|' || c == '+' || c == '~';
}

// Passes 2 to 4 in one go over ASCII text without DEL or the symbols that may join a word in
// more ways (` @ $ * #), for the default options: words are found as they are emitted, by the
// rules of MarkWordUnits. Returns false, leaving `out` to be cleared, if three one-letter words
// in a row might be a word spelt out: joining them is left to the general passes. Needs
// ClassifyBytes(input, out) first.
bool TokenizeAscii(const CharFolder& folder, std::string_view input, NormalizedText& out) {
  const auto* s = reinterpret_cast<const unsigned char*>(input.data());
  const auto n = static_cast<std::uint32_t>(input.size());
  const AsciiUnits units(folder, input);
  const NormalizeOptions options;
  Emission e(out, units.Bound());
  out.tokens.reserve(n / 2 + 1);
  std::uint32_t gap_begin = 0;
  std::uint32_t singles = 0;     // one-letter words in a row, each one separator apart
  std::uint32_t single_end = 0;  // where the last of them ends
  // Words and gaps are found from bit masks of the bytes' kinds (ClassifyBytes, already run).
  const std::uint64_t* word_bits = out.word_bits.data();
  const std::uint64_t* letter_bits = out.letter_bits.data();
  std::uint32_t k = 0;
  while (true) {
    // The gap, up to the next letter or digit. A ' or ! here follows no letter or digit (the
    // word before ends where they stop joining), so it starts no word.
    k = NextSetBit(word_bits, k, n);
    if (k == n) break;
    // The word: letters and digits, with ' after a letter or digit and ! after a letter when a
    // letter follows ("don't", "sh!t").
    const std::uint32_t first = k;
    while (true) {
      k = NextClearBit(word_bits, k);
      if (k + 1 < n) {
        const std::uint8_t kind = kAsciiKinds[s[k]];
        if ((kind == kQuoteByte || (kind == kBangByte && kAsciiKinds[s[k - 1]] == kLetterByte)) &&
            kAsciiKinds[s[k + 1]] == kLetterByte) {
          k += 2;
          continue;
        }
      }
      break;
    }
    // Letters only: no digit, no ' or ! inside.
    const bool letters = NextClearBit(letter_bits, first) >= k;
    if (k - first == 1 && IsSingleLetterUnit(units, first)) {
      singles = singles > 0 && first == single_end + 1 && MaySeparateLetters(s[single_end])
                    ? singles + 1
                    : 1;
      single_end = k;
      if (singles >= 3) return false;
    } else {
      singles = 0;
    }
    // The usual word: letters after one space (or at the very start). What EmitToken would do,
    // without its general cases: no gap to read, no hashtag, no possessive.
    const std::uint32_t length = k - first;
    const bool plain_gap = first == 0 || (first == gap_begin + 1 && s[gap_begin] == ' ');
    if (letters && plain_gap) {
      std::vector<Token>& tokens = out.tokens;
      if (first > 0 && !tokens.empty()) {
        e.tp[e.tn] = ' ';
        e.cp[e.tn++] = MatchChar{gap_begin, first, kNoToken, 1};
      }
      const auto index = static_cast<std::uint32_t>(tokens.size());
      Token& token = tokens.emplace_back();  // capacity reserved: no reallocation
      token.begin = first;
      token.end = k;
      token.sentence = static_cast<std::uint32_t>(out.sentences.size());  // the one still open
      token.first = static_cast<std::uint32_t>(e.tn);
      token.plain_first = static_cast<std::uint32_t>(e.pn);
      token.flags = e.in_quote ? std::uint32_t{kQuoted} : 0u;
      const bool room = first + 8 <= n && e.tn + 8 <= e.bound && e.pn + 8 <= e.bound;
      if (length < 8 && room) {
        EmitShortWord(s, first, length, index, e, token);
      } else if (!(length >= 8 && length < 16 && e.tn + 16 <= e.bound && e.pn + 16 <= e.bound &&
                   EmitLongWord(s, first, length, index, e, token))) {
        EmitLetters(units, first, k, index, e, token);
      }
      token.last = static_cast<std::uint32_t>(e.tn);
      token.plain_last = static_cast<std::uint32_t>(e.pn);
      gap_begin = k;
      continue;
    }
    EmitToken(folder, units, RawToken{first, k, false, false}, options, gap_begin, e, letters);
  }
  FinishText(units, gap_begin, e);
  return true;
}

// The one-pass route for folded text (accents, typographic apostrophes, emoji, other scripts):
// TokenizeAscii's word rules on the units' classes. Returns false, leaving `out` to be cleared,
// for a symbol that may join a word in more ways (@ $ * #) or three one-letter words in a row.
bool TokenizeUnits(const CharFolder& folder, const StoredUnits& units, NormalizedText& out) {
  enum Kind { kGap, kLetter, kWordUnit, kQuote, kBang, kEmoji, kOther };
  auto kind = [&](std::uint32_t k) {
    const CharInfo& u = units.info(k);
    switch (u.cls) {
      case CharClass::kLetter: return kLetter;
      case CharClass::kDigit:
      case CharClass::kOtherLetter: return kWordUnit;
      case CharClass::kApostrophe: return kQuote;
      case CharClass::kEmoji: return kEmoji;
      case CharClass::kPunct:
        if (u.len != 1) return kGap;
        switch (u.ascii[0]) {
          case '!': return kBang;
          case '@': case '$': case '*': case '#': return kOther;
          default: return kGap;
        }
      default: return kGap;
    }
  };
  const auto n = static_cast<std::uint32_t>(units.size());
  const NormalizeOptions options;
  Emission e(out, units.Bound());
  out.tokens.reserve(n / 2 + 1);
  std::uint32_t gap_begin = 0;
  std::uint32_t singles = 0;  // one-letter words in a row, each one separator apart
  RawToken previous;
  std::uint32_t k = 0;
  while (true) {
    Kind kd = kGap;
    while (k < n && (kd = kind(k)) != kLetter && kd != kWordUnit && kd != kEmoji) {
      if (kd == kOther) return false;
      ++k;
    }
    if (k == n) break;
    RawToken rt{k, k + 1, kd == kEmoji, false};
    ++k;
    if (!rt.emoji) {
      // Letters, digits and other letters, with ' after any of them and ! after a letter when a
      // letter follows (MarkWordUnits).
      while (k < n) {
        const Kind next = kind(k);
        if (next == kLetter || next == kWordUnit) {
          ++k;
        } else if ((next == kQuote || (next == kBang && kind(k - 1) == kLetter)) && k + 1 < n &&
                   kind(k + 1) == kLetter) {
          k += 2;
        } else {
          break;
        }
      }
      rt.last = k;
    }
    if (IsSingleLetterToken(units, rt)) {
      singles = singles > 0 && SingleSeparator(units, previous, rt) != 0 ? singles + 1 : 1;
      if (singles >= 3) return false;
    } else {
      singles = 0;
    }
    previous = rt;
    EmitToken(folder, units, rt, options, gap_begin, e);
  }
  FinishText(units, gap_begin, e);
  return true;
}

// A word stretched anywhere ("ffuuuuuckkk") has its doubled letters stretched too: whoever
// holds one key down is not spelling the doubles. Counted as three, they match a single
// letter; a word's own double ("hellooo") still matches, as any stretch of it does.
void StretchDoubles(NormalizedText& out) {
  for (const Token& t : out.tokens) {
    if (!(t.flags & kStretched)) continue;
    for (std::uint32_t k = t.first; k < t.last; ++k) {
      if (out.chars[k].run == 2) out.chars[k].run = 3;
    }
  }
}

void NormalizeRoutes(const CharFolder& folder, std::string_view input, NormalizedText& out,
                     const NormalizeOptions& options) {
  // Three routes, one result. Most comments are ASCII letters, digits, spaces and punctuation:
  // one pass finds and emits their words (TokenizeAscii). Other ASCII text (` @ $ * #, letters
  // spelt out one by one) takes the general passes over its bytes. Anything else (DEL, UTF-8)
  // is folded code point by code point first.
  const NormalizeOptions defaults;
  if (!options.emoji_names && options.join_split_letters == defaults.join_split_letters &&
      options.leetspeak == defaults.leetspeak) {
    if (!ClassifyBytes(input, out)) {
      if (TokenizeAscii(folder, input, out)) return;
      out.Clear();
    }
  }
  std::vector<std::uint8_t>& word = out.word_units;
  word.resize(input.size() + 1);
  std::uint8_t* wp = word.data();

  // ASCII without DEL: each byte is a unit and folding is a table lookup the later passes do
  // themselves, so the first pass only marks letters and digits.
  if (!options.emoji_names) {
    std::uint8_t seen = 0;
    for (std::size_t i = 0; i < input.size(); ++i) {
      const std::uint8_t flags = kAsciiFlags[static_cast<unsigned char>(input[i])];
      seen |= flags;
      wp[i] = flags & 1;
    }
    if (!(seen & (4 | 8))) {
      const bool symbols = (seen & 2) != 0;
      if (symbols) out.at_sign = input.find('@') != std::string_view::npos;
      Tokenize(folder, AsciiUnits(folder, input), word, symbols, out, options);
      return;
    }
  }

  // 1. Fold code points; drop the invisible ones. Written through a local pointer: stores of
  // char-sized data would otherwise make the compiler reload the vector's bounds every time.
  Unit* up = out.units.Reserve(input.size() + 1);
  std::size_t unit_count = 0;
  const bool emoji_names = options.emoji_names;
  // Letters and digits are word units at once; the symbols that might be (' @ $ ! * #) are
  // decided from their neighbours afterwards, only if there are any.
  bool symbols = false;
  std::uint8_t ascii_flags = 0;
  std::size_t extra = 0;  // StoredUnits::Extra summed: ASCII has none
  for (std::size_t i = 0; i < input.size();) {
    const std::size_t start = i;
    const auto byte = static_cast<unsigned char>(input[i]);
    if (byte < 0x80) {
      ++i;
      const std::uint8_t flags = kAsciiFlags[byte];
      if (flags & 4) continue;
      ascii_flags |= flags;
      wp[unit_count] = flags & 1;
      Unit& u = up[unit_count++];
      std::memcpy(&u.info, &folder.Ascii(byte), sizeof(CharInfo));  // one 8-byte move
      u.begin = static_cast<std::uint32_t>(start);
      u.end = static_cast<std::uint32_t>(i);
      continue;
    }
    const CharInfo info = folder.Lookup(DecodeUtf8(input, i));
    if (info.cls == CharClass::kIgnore) continue;
    extra += StoredUnits::Extra(info);
    wp[unit_count] = info.cls == CharClass::kLetter || info.cls == CharClass::kDigit ||
                     info.cls == CharClass::kOtherLetter;
    symbols |= info.cls == CharClass::kApostrophe ||
               (info.cls == CharClass::kPunct && info.len == 1 &&
                (info.ascii[0] == '@' || info.ascii[0] == '$' || info.ascii[0] == '!' ||
                 info.ascii[0] == '*' || info.ascii[0] == '#'));
    up[unit_count++] = Unit{info, static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(i)};
  }
  symbols |= (ascii_flags & 2) != 0;
  if (symbols) {
    for (std::size_t k = 0; k < unit_count; ++k) out.at_sign |= IsPunct(up[k].info, '@');
  }
  if (emoji_names) {
    // Lexicon terms name emoji as "^name": the caret is a letter there.
    for (std::size_t k = 0; k < unit_count; ++k) {
      if (IsPunct(up[k].info, '^')) {
        up[k].info.cls = CharClass::kLetter;
        wp[k] = 1;
      }
    }
  }
  out.units.set_size(unit_count);
  const StoredUnits units(out.units.data(), unit_count, extra);
  if (!emoji_names && options.join_split_letters == defaults.join_split_letters &&
      options.leetspeak == defaults.leetspeak) {
    // Pass 4 may have flagged a link before bailing out; at_sign stays as pass 1 found it.
    const bool at_sign = out.at_sign;
    if (TokenizeUnits(folder, units, out)) return;
    out.text.clear();
    out.plain.clear();
    out.chars.clear();
    out.tokens.clear();
    out.sentences.clear();
    out.joined_by_dot = false;
    out.at_sign = at_sign;
  }
  Tokenize(folder, units, word, symbols, out, options);
}

}  // namespace

void Normalize(const CharFolder& folder, std::string_view input, NormalizedText& out,
               const NormalizeOptions& options) {
  out.Clear();
  NormalizeRoutes(folder, input, out, options);
  StretchDoubles(out);
}

}  // namespace schoolmod::moderation::classifier
