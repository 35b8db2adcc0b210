#include "classifier/char_fold.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uspoof.h>

#include <algorithm>
#include <map>
#include <memory>

#include "classifier/data_file.h"

namespace schoolmod::moderation::classifier {
namespace {

// The blocks where lookalike, decorated or invisible characters live. Everything else is classed
// from its general category alone (a letter of another script, a symbol, an emoji).
constexpr std::pair<char32_t, char32_t> kFoldedBlocks[] = {
    {0x0080, 0x0590},    // Latin-1 .. Latin Extended-B, IPA, marks, Greek, Cyrillic, Armenian
    {0x1D00, 0x2150},    // phonetic extensions, Latin/Greek extended, punctuation, letterlike
    {0x2460, 0x2500},    // enclosed alphanumerics (circled letters)
    {0xA720, 0xA800},    // Latin Extended-D (small capitals)
    {0xFB00, 0xFB50},    // ligatures
    {0xFE00, 0xFE70},    // variation selectors, small forms
    {0xFF00, 0xFFF0},    // fullwidth forms
    {0x1D400, 0x1D800},  // mathematical alphanumerics (bold, script, fraktur letters)
    {0x1F100, 0x1F200},  // enclosed alphanumeric supplement
};

struct Icu {
  const icu::Normalizer2* nfkc_cf = nullptr;
  const icu::Normalizer2* nfd = nullptr;
  USpoofChecker* spoof = nullptr;
  ~Icu() {
    if (spoof) uspoof_close(spoof);
  }
};

bool IsAsciiLetter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::u32string CodePoints(const icu::UnicodeString& s) {
  std::u32string out;
  for (int32_t i = 0; i < s.length();) {
    UChar32 c = s.char32At(i);
    out.push_back(static_cast<char32_t>(c));
    i += U16_LENGTH(c);
  }
  return out;
}

// ASCII letters (lowercase) for `s` with combining marks removed, or "" if anything else is left.
std::string AsciiLettersWithoutMarks(const Icu& icu, const icu::UnicodeString& s) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString decomposed = icu.nfd->normalize(s, status);
  if (U_FAILURE(status)) return {};
  std::string out;
  for (char32_t c : CodePoints(decomposed)) {
    int8_t type = u_charType(static_cast<UChar32>(c));
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK) continue;
    if (!IsAsciiLetter(c)) return {};
    out.push_back(static_cast<char>(c | 0x20));
  }
  return out;
}

// The Latin letters a reader sees in one (already case-folded) non-ASCII letter, or "".
std::string LatinLookalike(const Icu& icu, char32_t c,
                           const std::map<char32_t, std::string>& homoglyphs) {
  if (auto it = homoglyphs.find(c); it != homoglyphs.end()) return it->second;
  icu::UnicodeString one(static_cast<UChar32>(c));
  if (std::string plain = AsciiLettersWithoutMarks(icu, one); !plain.empty()) return plain;
  // Confusable skeletons map Cyrillic 'а' and Greek 'ο' to 'a' and 'o'. They are applied to one
  // non-ASCII letter at a time only: on ASCII text they would also turn "m" into "rn".
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString skeleton;
  uspoof_getSkeletonUnicodeString(icu.spoof, 0, one, skeleton, &status);
  if (U_FAILURE(status)) return {};
  status = U_ZERO_ERROR;
  icu::UnicodeString folded = icu.nfkc_cf->normalize(skeleton, status);
  if (U_FAILURE(status)) return {};
  std::string latin = AsciiLettersWithoutMarks(icu, folded);
  if (!latin.empty()) return latin;
  for (char32_t s : CodePoints(folded)) {
    if (auto it = homoglyphs.find(s); it != homoglyphs.end()) latin += it->second;
    else return {};
  }
  return latin;
}

bool IsApostrophe(char32_t c) {
  return c == 0x2018 || c == 0x2019 || c == 0x201B || c == 0x2032 || c == 0x02BC ||
         c == 0xFF07 || c == 0x00B4;
}

CharInfo FoldOne(const Icu& icu, char32_t cp, const std::map<char32_t, std::string>& homoglyphs) {
  CharInfo info;
  const auto ucp = static_cast<UChar32>(cp);
  info.upper = u_isupper(ucp) || u_istitle(ucp);
  int8_t type = u_charType(ucp);
  if (cp == 0x2028 || cp == 0x2029 || cp == 0x85) {
    info.cls = CharClass::kBreak;
    return info;
  }
  if (u_isUWhiteSpace(ucp)) {
    info.cls = CharClass::kSpace;
    return info;
  }
  if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR ||
      type == U_CONTROL_CHAR || u_hasBinaryProperty(ucp, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) {
    info.cls = CharClass::kIgnore;
    return info;
  }
  if (IsApostrophe(cp)) {
    info.cls = CharClass::kApostrophe;
    info.ascii[0] = '\'';
    info.len = 1;
    return info;
  }
  if (cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x201F || cp == 0x00AB ||
      cp == 0x00BB) {
    info.cls = CharClass::kPunct;
    info.ascii[0] = '"';
    info.len = 1;
    return info;
  }
  if (auto it = homoglyphs.find(cp); it != homoglyphs.end()) {
    info.cls = CharClass::kLetter;
    info.len = static_cast<std::uint8_t>(std::min<std::size_t>(it->second.size(), 3));
    std::copy_n(it->second.begin(), info.len, info.ascii);
    return info;
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString folded = icu.nfkc_cf->normalize(icu::UnicodeString(ucp), status);
  std::u32string cps = U_SUCCESS(status) ? CodePoints(folded) : std::u32string();
  if (cps.empty()) {
    info.cls = CharClass::kIgnore;
    return info;
  }
  if (cps.size() == 1 && cps[0] >= '0' && cps[0] <= '9') {
    info.cls = CharClass::kDigit;
    info.ascii[0] = static_cast<char>(cps[0]);
    info.len = 1;
    return info;
  }
  std::string letters;
  bool only_letters = true;
  for (char32_t c : cps) {
    std::string latin;
    if (IsAsciiLetter(c)) latin.push_back(static_cast<char>(c | 0x20));
    else if (c >= 0x80 && u_isalpha(static_cast<UChar32>(c))) latin = LatinLookalike(icu, c, homoglyphs);
    if (latin.empty()) {
      only_letters = false;
      break;
    }
    letters += latin;
  }
  if (only_letters && !letters.empty() && letters.size() <= 3) {
    info.cls = CharClass::kLetter;
    info.len = static_cast<std::uint8_t>(letters.size());
    std::copy(letters.begin(), letters.end(), info.ascii);
    return info;
  }
  if (u_isalpha(ucp)) {
    info.cls = CharClass::kOtherLetter;
    return info;
  }
  info.cls = CharClass::kPunct;
  // Fullwidth "！" and the ellipsis keep their ASCII meaning for sentence and mask detection;
  // dashes of every width become '-'.
  if (cps[0] < 0x80) {
    info.ascii[0] = static_cast<char>(cps[0]);
    info.len = 1;
  } else if (type == U_DASH_PUNCTUATION || cp == 0x2212) {
    info.ascii[0] = '-';
    info.len = 1;
  }
  return info;
}

CharInfo AsciiInfo(char c) {
  CharInfo info;
  info.len = 1;
  info.ascii[0] = c;
  if (c >= 'A' && c <= 'Z') {
    info.cls = CharClass::kLetter;
    info.upper = true;
    info.ascii[0] = static_cast<char>(c | 0x20);
  } else if (c >= 'a' && c <= 'z') {
    info.cls = CharClass::kLetter;
  } else if (c >= '0' && c <= '9') {
    info.cls = CharClass::kDigit;
  } else if (c == '\'' || c == '`') {
    info.cls = CharClass::kApostrophe;
    info.ascii[0] = '\'';
  } else if (c == '\n' || c == '\r') {
    info.cls = CharClass::kBreak;
    info.len = 0;
  } else if (c == ' ' || (c >= 0 && c < 0x20)) {
    info.cls = CharClass::kSpace;
    info.len = 0;
  } else if (c == 0x7F) {
    info.cls = CharClass::kIgnore;
    info.len = 0;
  } else {
    info.cls = CharClass::kPunct;
  }
  return info;
}

Result<char32_t> ParseCodePoint(std::string_view field, const DataLine& line) {
  if (field.size() < 3 || (field[0] != 'U' && field[0] != 'u') || field[1] != '+') {
    return line.Invalid("expected U+XXXX, got \"" + std::string(field) + "\"");
  }
  char32_t cp = 0;
  for (char c : field.substr(2)) {
    int digit = (c >= '0' && c <= '9')   ? c - '0'
                : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                         : -1;
    if (digit < 0 || cp > 0x10FFFF) return line.Invalid("bad code point " + std::string(field));
    cp = cp * 16 + static_cast<char32_t>(digit);
  }
  if (cp > 0x10FFFF) return line.Invalid("code point out of range " + std::string(field));
  return cp;
}

}  // namespace

Result<CharFolder> CharFolder::Build(std::string_view homoglyph_file, std::string_view emoji_file) {
  std::map<char32_t, std::string> homoglyphs;
  for (const DataLine& line : DataLines("homoglyphs.tsv", homoglyph_file)) {
    if (line.fields.size() != 2) return line.Invalid("expected: U+XXXX<TAB>letters");
    auto cp = ParseCodePoint(line.fields[0], line);
    if (!cp) return cp.error();
    std::string latin(line.fields[1]);
    if (latin.empty() || latin.size() > 3 ||
        !std::all_of(latin.begin(), latin.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
      return line.Invalid("the lookalike must be 1 to 3 lowercase ASCII letters");
    }
    // Only the folded blocks' table consults the lookalikes; one outside them would be ignored.
    const bool folded = std::any_of(std::begin(kFoldedBlocks), std::end(kFoldedBlocks),
                                    [&](const auto& b) { return *cp >= b.first && *cp < b.second; });
    if (!folded) return line.Invalid("the code point is outside the blocks the folder tabulates");
    homoglyphs[*cp] = latin;
  }

  CharFolder folder;
  for (const DataLine& line : DataLines("emoji.tsv", emoji_file)) {
    if (line.fields.size() != 2) return line.Invalid("expected: U+XXXX<TAB>^name");
    auto cp = ParseCodePoint(line.fields[0], line);
    if (!cp) return cp.error();
    std::string_view name = line.fields[1];
    if (name.size() < 2 || name.size() > 16 || name[0] != '^' ||
        !std::all_of(name.begin() + 1, name.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
      return line.Invalid("the emoji's name must be ^ and 1 to 15 lowercase letters");
    }
    auto known = std::find(folder.emoji_names_.begin(), folder.emoji_names_.end(), name);
    auto id = static_cast<std::uint16_t>(known - folder.emoji_names_.begin());
    if (known == folder.emoji_names_.end()) folder.emoji_names_.emplace_back(name);
    folder.emoji_.emplace_back(*cp, id);
  }
  std::sort(folder.emoji_.begin(), folder.emoji_.end());

  for (int c = 0; c < 128; ++c) folder.ascii_[c] = AsciiInfo(static_cast<char>(c));

  Icu icu;
  UErrorCode status = U_ZERO_ERROR;
  icu.nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_SUCCESS(status)) icu.nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_SUCCESS(status)) icu.spoof = uspoof_open(&status);
  if (U_FAILURE(status)) {
    return Error::Permanent(std::string("ICU normaliser unavailable: ") + u_errorName(status));
  }
  for (const auto& [first, last] : kFoldedBlocks) {
    Range range{first, {}};
    range.table.reserve(last - first);
    for (char32_t cp = first; cp < last; ++cp) {
      CharInfo info = FoldOne(icu, cp, homoglyphs);
      auto emoji = std::lower_bound(folder.emoji_.begin(), folder.emoji_.end(),
                                    std::make_pair(cp, std::uint16_t{0}));
      if (emoji != folder.emoji_.end() && emoji->first == cp) {
        info = CharInfo{};
        info.cls = CharClass::kEmoji;
        info.emoji = emoji->second;
      }
      range.table.push_back(info);
    }
    folder.ranges_.push_back(std::move(range));
  }
  return folder;
}

CharInfo CharFolder::LookupSlow(char32_t cp) const {
  CharInfo info;
  auto emoji = std::lower_bound(emoji_.begin(), emoji_.end(), std::make_pair(cp, std::uint16_t{0}));
  if (emoji != emoji_.end() && emoji->first == cp) {
    info.cls = CharClass::kEmoji;
    info.emoji = emoji->second;
    return info;
  }
  const auto ucp = static_cast<UChar32>(cp);
  // Skin-tone modifiers and tag characters ride on the emoji before them.
  if (cp >= 0x1F3FB && cp <= 0x1F3FF) {
    info.cls = CharClass::kIgnore;
    return info;
  }
  switch (u_charType(ucp)) {
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_FORMAT_CHAR:
    case U_CONTROL_CHAR:
      info.cls = CharClass::kIgnore;
      return info;
    case U_SPACE_SEPARATOR:
      info.cls = CharClass::kSpace;
      return info;
    case U_UPPERCASE_LETTER:
    case U_TITLECASE_LETTER:
      info.upper = true;
      [[fallthrough]];
    case U_LOWERCASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_COMBINING_SPACING_MARK:
      info.cls = CharClass::kOtherLetter;
      return info;
    default:
      info.cls = CharClass::kPunct;
      return info;
  }
}

char32_t DecodeUtf8(std::string_view s, std::size_t& i) {
  constexpr char32_t kReplacement = 0xFFFD;
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int extra = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    extra = 1, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    extra = 2, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    extra = 3, cp = b0 & 0x07, min = 0x10000;
  } else {
    ++i;
    return kReplacement;
  }
  if (i + extra >= s.size()) {  // truncated at the end of the text
    ++i;
    return kReplacement;
  }
  for (int k = 1; k <= extra; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return kReplacement;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return kReplacement;
  }
  i += extra + 1;
  return cp;
}

void AppendUtf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace schoolmod::moderation::classifier
