#include "classifier/normalizer.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace schoolmod::moderation::classifier {
namespace {

bool IsPunct(const Unit& u, char c) {
  return u.info.cls == CharClass::kPunct && u.info.len == 1 && u.info.ascii[0] == c;
}

bool IsLetter(const Unit& u) { return u.info.cls == CharClass::kLetter; }

bool IsLetterish(const Unit& u) {
  return u.info.cls == CharClass::kLetter || u.info.cls == CharClass::kOtherLetter ||
         u.info.cls == CharClass::kDigit;
}

// What a digit or symbol stands for inside a word written in leetspeak, or 0.
char LeetLetter(const Unit& u) {
  if (u.info.len != 1) return 0;
  if (u.info.cls == CharClass::kDigit) {
    switch (u.info.ascii[0]) {
      case '0': return 'o';
      case '1': return 'i';
      case '3': return 'e';
      case '4': return 'a';
      case '5': return 's';
      case '7': return 't';
      default: return 0;
    }
  }
  if (u.info.cls == CharClass::kPunct) {
    switch (u.info.ascii[0]) {
      case '@': return 'a';
      case '$': return 's';
      case '!': return 'i';
      default: return 0;
    }
  }
  return 0;
}

bool IsMask(const Unit& u) { return IsPunct(u, '*') || IsPunct(u, '#'); }

// Per ASCII byte: 1 a word unit (letter or digit), 2 a symbol that may join a word
// (' ` @ $ ! * #), 4 dropped (DEL).
constexpr std::array<std::uint8_t, 128> kAsciiFlags = [] {
  std::array<std::uint8_t, 128> flags{};
  for (int c = 0; c < 128; ++c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) flags[c] = 1;
  }
  for (char c : {'\'', '`', '@', '$', '!', '*', '#'}) flags[static_cast<int>(c)] = 2;
  flags[0x7F] = 4;
  return flags;
}();

// Units that are part of a word. Symbols count only where they stand for letters.
// `word` already marks letters and digits (the first pass does it); this decides the symbols
// that may stand for letters or join a word, from their neighbours.
void MarkWordUnits(std::span<const Unit> units, std::vector<std::uint8_t>& word) {
  const std::size_t n = units.size();
  for (std::size_t k = 0; k < n; ++k) {
    const Unit& u = units[k];
    const Unit* prev = k > 0 ? &units[k - 1] : nullptr;
    const Unit* next = k + 1 < n ? &units[k + 1] : nullptr;
    switch (u.info.cls) {
      case CharClass::kApostrophe:
        word[k] = prev && next && IsLetterish(*prev) && IsLetter(*next);
        break;
      case CharClass::kPunct: {
        if (u.info.len != 1) break;
        char c = u.info.ascii[0];
        if (c == '@' || c == '$') {
          std::size_t j = k + 1;
          while (j < n && (IsPunct(units[j], '@') || IsPunct(units[j], '$'))) ++j;
          word[k] = j < n && IsLetter(units[j]) && (j - k) <= 2;
          if (!word[k] && prev && word[k - 1] && IsLetter(*prev) && next && IsLetter(*next)) {
            word[k] = 1;
          }
        } else if (c == '!') {
          word[k] = prev && next && IsLetter(*prev) && IsLetter(*next);
        } else if (c == '*') {
          word[k] = prev && word[k - 1];
        } else if (c == '#') {
          word[k] = prev && IsLetter(*prev) && next && (IsLetter(*next) || IsMask(*next));
        }
        break;
      }
      default:
        break;
    }
  }
}

// A one-character word that may be one letter of a word spelt out ("f u c k", "s.h.1.t").
bool IsSingleLetterToken(std::span<const Unit> units, const RawToken& t) {
  if (t.emoji || t.last - t.first != 1) return false;
  const Unit& u = units[t.first];
  return (IsLetter(u) && u.info.len == 1) || LeetLetter(u) != 0;
}

// The separator between two raw tokens if it is exactly one space, dot, dash or similar.
char SingleSeparator(std::span<const Unit> units, const RawToken& a, const RawToken& b) {
  if (b.first != a.last + 1) return 0;
  const Unit& u = units[a.last];
  if (u.info.cls == CharClass::kSpace) return ' ';
  if (u.info.cls != CharClass::kPunct || u.info.len != 1) return 0;
  char c = u.info.ascii[0];
  return (c == '.' || c == '-' || c == '_' || c == '*' || c == '/' || c == '|' || c == '+' ||
          c == '~')
             ? c
             : 0;
}

bool IsQuoteMark(const Unit& u) {
  return u.info.cls == CharClass::kApostrophe || IsPunct(u, '"');
}

// "3pm", "1st", "10k", "25m": a number with a unit, not leetspeak.
bool IsNumberWithSuffix(std::span<const Unit> units, const RawToken& t) {
  std::uint32_t k = t.first;
  while (k < t.last && units[k].info.cls == CharClass::kDigit) ++k;
  if (k == t.first) return false;
  std::string suffix;
  for (; k < t.last; ++k) {
    if (!IsLetter(units[k])) return false;
    suffix.append(units[k].info.ascii, units[k].info.len);
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
  if (text.capacity() <= 2 * max_units && units.size() <= max_units) return;
  NormalizedText fresh;
  *this = std::move(fresh);
}

std::string NormalizedText::Expanded(const Token& t) const {
  std::string out;
  for (std::uint32_t i = t.first; i < t.last; ++i) out.append(chars[i].run, text[i]);
  return out;
}

void Normalize(const CharFolder& folder, std::string_view input, NormalizedText& out,
               const NormalizeOptions& options) {
  out.Clear();

  // 1. Fold code points; drop the invisible ones. Written through a local pointer: stores of
  // char-sized data would otherwise make the compiler reload the vector's bounds every time.
  Unit* up = out.units.Reserve(input.size() + 1);
  std::size_t unit_count = 0;
  const bool emoji_names = options.emoji_names;
  // Letters and digits are word units at once; the symbols that might be (' @ $ ! * #) are
  // decided from their neighbours afterwards, only if there are any.
  std::vector<std::uint8_t>& word = out.word_units;
  word.resize(input.size() + 1);
  std::uint8_t* wp = word.data();
  bool symbols = false;
  std::uint8_t ascii_flags = 0;
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
    for (std::size_t k = 0; k < unit_count; ++k) out.at_sign |= IsPunct(up[k], '@');
  }
  if (emoji_names) {
    // Lexicon terms name emoji as "^name": the caret is a letter there.
    for (std::size_t k = 0; k < unit_count; ++k) {
      if (IsPunct(up[k], '^')) {
        up[k].info.cls = CharClass::kLetter;
        wp[k] = 1;
      }
    }
  }
  out.units.set_size(unit_count);
  const std::span<const Unit> units(out.units.data(), unit_count);

  // 2. Words: runs of word units; each meaningful emoji is a word of its own.
  std::vector<RawToken>& raw = out.raw_tokens;
  if (symbols) MarkWordUnits(units, word);
  raw.clear();
  for (std::uint32_t k = 0; k < units.size();) {
    if (units[k].info.cls == CharClass::kEmoji) {
      raw.push_back({k, k + 1, true, false});
      ++k;
    } else if (word[k]) {
      std::uint32_t j = k;
      while (j < units.size() && word[j]) ++j;
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
        while (end < raw.size() && IsSingleLetterToken(units, raw[end])) {
          char s = SingleSeparator(units, raw[end - 1], raw[end]);
          if (s == 0 || (sep != 0 && s != sep)) break;
          sep = s;
          ++end;
        }
      }
      if (end - r >= 3) {
        // The joined word spans the separators too; they are skipped when emitting.
        raw[w++] = {raw[r].first, raw[end - 1].last, false, true};
      } else {
        for (std::size_t k = r; k < end; ++k) raw[w++] = raw[k];
      }
      r = end;
    }
    raw.resize(w);
  }

  // 4. Emit the matching text, token by token, into buffers sized for the worst case: each unit
  // emits its letters (up to 3) or an emoji's name (up to 16), plus at most one separator.
  std::size_t bound = 2 * units.size() + 2;
  for (const Unit& u : units) {
    if (u.info.cls == CharClass::kEmoji) bound += 16;
    else if (u.info.len > 1) bound += u.info.len - 1;
  }
  out.text.resize(bound);
  out.plain.resize(bound);
  char* tp = out.text.data();
  char* pp = out.plain.data();
  MatchChar* cp = out.chars.Reserve(bound);
  std::size_t tn = 0, pn = 0;
  out.tokens.reserve(raw.size());
  bool in_quote = false;
  std::uint32_t sentence_start = 0;
  auto close_sentence = [&](char mark, bool exclaimed) {
    if (out.tokens.size() > sentence_start) {
      auto index = static_cast<std::uint32_t>(out.sentences.size());
      out.sentences.push_back({sentence_start, static_cast<std::uint32_t>(out.tokens.size()),
                               mark, exclaimed});
      for (std::uint32_t t = sentence_start; t < out.tokens.size(); ++t) {
        out.tokens[t].sentence = index;
      }
      out.tokens[sentence_start].flags |= kSentenceStart;
      sentence_start = static_cast<std::uint32_t>(out.tokens.size());
    }
  };

  std::uint32_t gap_begin = 0;  // first unit after the previous token
  for (std::size_t r = 0; r < raw.size(); ++r) {
    const RawToken& rt = raw[r];

    // The gap before this token: sentence ends, pauses, quotes, hashtags.
    bool has_break = false, has_q = false, has_ex = false, has_dot = false, pause = false;
    bool has_space = false, quote_open = false, quote_close = false;
    for (std::uint32_t k = gap_begin; k < rt.first; ++k) {
      const Unit& u = units[k];
      if (u.info.cls == CharClass::kBreak) has_break = true;
      if (u.info.cls == CharClass::kSpace) has_space = true;
      // A quote mark right before the word opens a quotation, one right after the previous
      // word closes it ("parents' evening" closes nothing that was not open).
      if (IsQuoteMark(u) && k + 1 == rt.first && (k > gap_begin || gap_begin == 0)) {
        quote_open = true;
      }
      if (IsQuoteMark(u) && k == gap_begin && gap_begin > 0 && k + 1 < rt.first) quote_close = true;
      if (u.info.cls != CharClass::kPunct || u.info.len != 1) continue;
      switch (u.info.ascii[0]) {
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
      const bool only_dot = has_dot && rt.first == gap_begin + 1;
      bool ends = has_break || has_q || has_ex;
      if (has_dot && !ends) {
        const bool initial = prev.last - prev.first == 1;
        const bool abbreviation = IsAbbreviationBeforeDot(
            std::string_view(tp + prev.first, prev.last - prev.first));
        const bool next_capital = IsLetter(units[rt.first]) && units[rt.first].info.upper;
        ends = !abbreviation && (!only_dot || (next_capital && !initial));
      }
      if (pause || ends) prev.flags |= kPauseAfter;
      if (rt.first == gap_begin + 1 && IsPunct(units[gap_begin], '-')) prev.flags |= kHyphenAfter;
      // "bit.ly", "shop.xyz": a dot or slash joining two words may be a link.
      if (rt.first == gap_begin + 1 && (IsPunct(units[gap_begin], '.') || IsPunct(units[gap_begin], '/'))) {
        out.joined_by_dot = true;
      }
      if (quote_close && in_quote) in_quote = false;
      if (ends) close_sentence(has_q ? '?' : has_ex ? '!' : has_break ? 0 : '.', has_q && has_ex);
      // The separator character keeps the gap's span so a phrase's span covers what lies between.
      tp[tn] = ' ';
      cp[tn++] = MatchChar{units[gap_begin - 1].end, units[rt.first].begin, kNoToken, 1};
    }
    if (quote_open && !in_quote) in_quote = true;

    Token token;
    token.begin = units[rt.first].begin;
    token.end = units[rt.last - 1].end;
    token.first = static_cast<std::uint32_t>(tn);
    token.plain_first = static_cast<std::uint32_t>(pn);
    const auto index = static_cast<std::uint32_t>(out.tokens.size());
    if (in_quote) token.flags |= kQuoted;
    if (rt.first > 0 && IsPunct(units[rt.first - 1], '#')) token.flags |= kHashtag;
    if (rt.split) token.flags |= kSplit;

    auto emit = [&](char c, const Unit& u) {
      pp[pn++] = c;
      const bool squeezable = (c >= 'a' && c <= 'z') || c == '*';
      if (squeezable && tn > token.first && tp[tn - 1] == c) {
        MatchChar& last = cp[tn - 1];
        if (last.run < 255) ++last.run;
        last.end = u.end;
        if (last.run == 3) token.flags |= kStretched;
        return;
      }
      tp[tn] = c;
      cp[tn++] = MatchChar{u.begin, u.end, index, 1};
    };

    if (rt.emoji) {
      token.flags |= kEmojiToken;
      const Unit& u = units[rt.first];
      for (char c : folder.emoji_names()[u.info.emoji]) emit(c, u);
    } else {
      // Most words are plain ASCII letters: emit them directly, and fall back to the general
      // path below at the first unit that is anything else.
      bool fast = !rt.split;
      if (fast) {
        const std::size_t t0 = tn, p0 = pn;
        int letters = 0, upper = 0;
        for (std::uint32_t k = rt.first; k < rt.last; ++k) {
          const Unit& u = units[k];
          if (u.info.cls != CharClass::kLetter || u.end - u.begin != 1) {
            fast = false;
            break;
          }
          const char c = u.info.ascii[0];
          ++letters;
          upper += u.info.upper;
          pp[pn++] = c;
          if (tn > t0 && tp[tn - 1] == c) {
            MatchChar& last = cp[tn - 1];
            if (last.run < 255) ++last.run;
            last.end = u.end;
            if (last.run == 3) token.flags |= kStretched;
          } else {
            tp[tn] = c;
            cp[tn++] = MatchChar{u.begin, u.end, index, 1};
          }
        }
        if (fast) {
          if (units[rt.first].info.upper) token.flags |= kCapitalised;
          if (letters >= 2 && upper == letters) token.flags |= kAllCaps;
        } else {
          tn = t0;
          pn = p0;
          token.flags &= ~kStretched;
        }
      }
      if (!fast) {
      // A joined word keeps only its letters; the separators between them are skipped.
      auto included = [&](std::uint32_t k) {
        return !rt.split || IsSingleLetterToken(units, RawToken{k, k + 1, false, false});
      };
      // Leetspeak only in a word with at least two real letters and no more symbols than
      // letters, so "3pm", "Y6" and "07700" keep their digits.
      int letters = 0, leet = 0, digits = 0, upper = 0, counted = 0;
      std::uint32_t first_unit = rt.first;
      if (IsPunct(units[first_unit], '@') && rt.last - rt.first > 1 &&
          (units[first_unit + 1].info.upper || rt.last - rt.first > 5)) {
        token.flags |= kMention;
        ++first_unit;
      }
      for (std::uint32_t k = first_unit; k < rt.last; ++k) {
        if (!included(k)) continue;
        const Unit& u = units[k];
        ++counted;
        if (IsLetter(u)) {
          ++letters;
          upper += u.info.upper;
          if (u.end - u.begin > 1) token.flags |= kFolded;
        } else if (u.info.cls == CharClass::kDigit) {
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
        if (included(k) && IsLetter(units[k])) last_letter = k;
      }
      bool code = letters <= 3 && (letters == 1 || upper == letters);
      for (std::uint32_t k = first_unit; k <= last_letter && code; ++k) {
        code = !(included(k) && LeetLetter(units[k]));
      }
      const bool use_leet = options.leetspeak && letters >= 2 && leet >= 1 && leet <= letters &&
                            !IsNumberWithSuffix(units, rt) && !code;
      if (use_leet) token.flags |= kLeet;
      if (digits > 0 && digits == counted) token.flags |= kNumber;
      for (std::uint32_t k = first_unit; k < rt.last; ++k) {
        if (!included(k)) continue;
        const Unit& u = units[k];
        if (IsLetter(u)) {
          for (int c = 0; c < u.info.len; ++c) emit(u.info.ascii[c], u);
          continue;
        }
        char leet_letter = use_leet || rt.split ? LeetLetter(u) : 0;
        if (leet_letter) {
          emit(leet_letter, u);
        } else if (u.info.cls == CharClass::kDigit) {
          token.flags |= kHasDigit;
          emit('0', u);
        } else if (u.info.cls == CharClass::kOtherLetter) {
          emit('~', u);
        } else if (u.info.cls == CharClass::kApostrophe) {
          emit('\'', u);
        } else if (IsMask(u)) {
          emit('*', u);
        } else {
          // '@', '$' or '!' not read as letters: keep the word in one piece.
          emit('~', u);
        }
      }
      const Unit& head = units[first_unit];
      if (IsLetter(head) && head.info.upper) token.flags |= kCapitalised;
      if (letters >= 2 && upper == letters) token.flags |= kAllCaps;
      }
    }
    token.last = static_cast<std::uint32_t>(tn);
    token.plain_last = static_cast<std::uint32_t>(pn);
    if (token.last == token.first) {
      // A word of symbols only (a lone "@"): nothing to match; drop it and its separator.
      if (tn > 0 && tp[tn - 1] == ' ') --tn;
      gap_begin = rt.last;
      continue;
    }
    const std::string_view tt(tp + token.first, token.last - token.first);
    if (tt.size() > 2 && tt.substr(tt.size() - 2) == "'s") token.flags |= kPossessive;
    token.hash = HashWord(tt);
    out.tokens.push_back(token);
    gap_begin = rt.last;
  }
  out.text.resize(tn);
  out.plain.resize(pn);
  out.chars.set_size(tn);
  // The end of the text closes the last sentence; its mark is whatever punctuation trails.
  char mark = 0;
  bool q = false, ex = false;
  for (std::uint32_t k = gap_begin; k < units.size(); ++k) {
    if (units[k].info.cls != CharClass::kPunct || units[k].info.len != 1) continue;
    char c = units[k].info.ascii[0];
    q |= c == '?';
    ex |= c == '!';
    if (c == '.' && mark == 0) mark = '.';
  }
  close_sentence(q ? '?' : ex ? '!' : mark, q && ex);
}

}  // namespace schoolmod::moderation::classifier
