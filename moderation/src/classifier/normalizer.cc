#include "classifier/normalizer.h"

#include <algorithm>
#include <array>

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

// Units that are part of a word. Symbols count only where they stand for letters.
void MarkWordUnits(const std::vector<Unit>& units, std::vector<std::uint8_t>& word) {
  const std::size_t n = units.size();
  word.assign(n, 0);
  for (std::size_t k = 0; k < n; ++k) {
    const Unit& u = units[k];
    const Unit* prev = k > 0 ? &units[k - 1] : nullptr;
    const Unit* next = k + 1 < n ? &units[k + 1] : nullptr;
    switch (u.info.cls) {
      case CharClass::kLetter:
      case CharClass::kOtherLetter:
      case CharClass::kDigit:
        word[k] = 1;
        break;
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
bool IsSingleLetterToken(const std::vector<Unit>& units, const RawToken& t) {
  if (t.emoji || t.last - t.first != 1) return false;
  const Unit& u = units[t.first];
  return (IsLetter(u) && u.info.len == 1) || LeetLetter(u) != 0;
}

// The separator between two raw tokens if it is exactly one space, dot, dash or similar.
char SingleSeparator(const std::vector<Unit>& units, const RawToken& a, const RawToken& b) {
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
bool IsNumberWithSuffix(const std::vector<Unit>& units, const RawToken& t) {
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
  chars.clear();
  tokens.clear();
  sentences.clear();
  units.clear();
}

std::string NormalizedText::Expanded(const Token& t) const {
  std::string out;
  for (std::uint32_t i = t.first; i < t.last; ++i) out.append(chars[i].run, text[i]);
  return out;
}

void Normalize(const CharFolder& folder, std::string_view input, NormalizedText& out,
               const NormalizeOptions& options) {
  out.Clear();
  std::vector<Unit>& units = out.units;
  units.reserve(input.size());

  // 1. Fold code points; drop the invisible ones.
  for (std::size_t i = 0; i < input.size();) {
    const std::size_t start = i;
    const auto byte = static_cast<unsigned char>(input[i]);
    CharInfo info;
    if (byte < 0x80) {
      ++i;
      info = folder.Lookup(byte);
      if (options.emoji_names && byte == '^') {
        info.cls = CharClass::kLetter;
        info.len = 1;
      }
    } else {
      info = folder.Lookup(DecodeUtf8(input, i));
    }
    if (info.cls == CharClass::kIgnore) continue;
    units.push_back({info, static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(i)});
  }

  // 2. Words: runs of word units; each meaningful emoji is a word of its own.
  std::vector<std::uint8_t>& word = out.word_units;
  std::vector<RawToken>& raw = out.raw_tokens;
  MarkWordUnits(units, word);
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

  // 4. Emit the matching text, token by token.
  out.text.reserve(input.size() + 8);
  out.chars.reserve(input.size() + 8);
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
        const bool abbreviation = IsAbbreviationBeforeDot(out.TokenText(prev));
        const bool next_capital = IsLetter(units[rt.first]) && units[rt.first].info.upper;
        ends = !abbreviation && (!only_dot || (next_capital && !initial));
      }
      if (pause || ends) prev.flags |= kPauseAfter;
      if (rt.first == gap_begin + 1 && IsPunct(units[gap_begin], '-')) prev.flags |= kHyphenAfter;
      if (quote_close && in_quote) in_quote = false;
      if (ends) close_sentence(has_q ? '?' : has_ex ? '!' : has_break ? 0 : '.', has_q && has_ex);
      // The separator character keeps the gap's span so a phrase's span covers what lies between.
      out.text.push_back(' ');
      out.chars.push_back({units[gap_begin - 1].end, units[rt.first].begin, kNoToken, 1});
    }
    if (quote_open && !in_quote) in_quote = true;

    Token token;
    token.begin = units[rt.first].begin;
    token.end = units[rt.last - 1].end;
    token.first = static_cast<std::uint32_t>(out.text.size());
    token.plain_first = static_cast<std::uint32_t>(out.plain.size());
    const auto index = static_cast<std::uint32_t>(out.tokens.size());
    if (in_quote) token.flags |= kQuoted;
    if (rt.first > 0 && IsPunct(units[rt.first - 1], '#')) token.flags |= kHashtag;
    if (rt.split) token.flags |= kSplit;

    auto emit = [&](char c, const Unit& u) {
      out.plain.push_back(c);
      const bool squeezable = (c >= 'a' && c <= 'z') || c == '*';
      if (squeezable && out.text.size() > token.first && out.text.back() == c) {
        MatchChar& last = out.chars.back();
        if (last.run < 255) ++last.run;
        last.end = u.end;
        if (last.run == 3) token.flags |= kStretched;
        return;
      }
      out.text.push_back(c);
      out.chars.push_back({u.begin, u.end, index, 1});
    };

    if (rt.emoji) {
      token.flags |= kEmojiToken;
      const Unit& u = units[rt.first];
      for (char c : folder.emoji_names()[u.info.emoji]) emit(c, u);
    } else {
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
      // "KS1", "Y11", "U12": a short code with its number at the end is not leetspeak.
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
    token.last = static_cast<std::uint32_t>(out.text.size());
    token.plain_last = static_cast<std::uint32_t>(out.plain.size());
    if (token.last == token.first) {
      // A word of symbols only (a lone "@"): nothing to match; drop it.
      if (!out.text.empty() && out.text.back() == ' ') {
        out.text.pop_back();
        out.chars.pop_back();
      }
      gap_begin = rt.last;
      continue;
    }
    const std::string_view tt = std::string_view(out.text).substr(token.first);
    if (tt.size() > 2 && tt.substr(tt.size() - 2) == "'s") token.flags |= kPossessive;
    out.tokens.push_back(token);
    gap_begin = rt.last;
  }
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
