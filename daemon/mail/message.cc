#include "mail/message.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <chrono>
#include <cstring>
#include <utility>

#include <fmt/format.h>

#include "html.h"

namespace schoolmod::mail {
namespace {

// RFC 5322 2.1.1: lines SHOULD be at most 78 characters; RFC 2047 2: an encoded-word at most 75.
constexpr std::size_t kLineLimit = 78;
constexpr std::size_t kEncodedWordLimit = 75;
constexpr std::string_view kEncodedWordPrefix = "=?UTF-8?B?";
constexpr std::string_view kEncodedWordSuffix = "?=";
// Quoted-printable: encoded lines of at most 76 octets, the soft break's '=' included.
constexpr std::size_t kQpLineLimit = 76;
// ASCII words longer than this cannot be folded under kLineLimit, so the text is encoded instead.
constexpr std::size_t kMaxPlainWord = kLineLimit - 2;

constexpr char32_t kReplacement = 0xFFFD;

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// RFC 5322 3.2.3 atext.
bool IsAtext(char c) {
  return IsAsciiAlpha(c) || IsAsciiDigit(c) ||
         (c != '\0' && std::strchr("!#$%&'*+-/=?^_`{|}~", c) != nullptr);
}

bool IsDotAtom(std::string_view s) {
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  if (s.find("..") != std::string_view::npos) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return c == '.' || IsAtext(c); });
}

// Letters, digits and hyphens, at least two labels: what a mail domain in a school's config
// looks like. IDNs must be given in their xn-- form.
bool IsHostname(std::string_view s) {
  if (s.empty() || s.size() > 253) return false;
  std::size_t labels = 0;
  while (true) {
    auto dot = s.find('.');
    std::string_view label = s.substr(0, dot);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    if (!std::all_of(label.begin(), label.end(),
                     [](char c) { return IsAsciiAlpha(c) || IsAsciiDigit(c) || c == '-'; })) {
      return false;
    }
    ++labels;
    if (dot == std::string_view::npos) break;
    s.remove_prefix(dot + 1);
  }
  return labels >= 2;
}

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Decodes the code point starting at s[i] into *cp and returns its length. Anything that is not
// shortest-form UTF-8 of a scalar value yields U+FFFD and a length of 1, so decoding always
// advances and never reads past the end.
std::size_t DecodeUtf8(std::string_view s, std::size_t i, char32_t* cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  std::size_t len = 0;
  char32_t value = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, value = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, value = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, value = b0 & 0x07, min = 0x10000;
  } else {
    *cp = kReplacement;
    return 1;
  }
  if (i + len > s.size()) {
    *cp = kReplacement;
    return 1;
  }
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      *cp = kReplacement;
      return 1;
    }
    value = (value << 6) | (b & 0x3F);
  }
  if (value < min || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    *cp = kReplacement;
    return 1;
  }
  *cp = value;
  return len;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// C0, DEL and C1 controls. C1 matters: U+0085 (NEL) is a line break to some readers.
bool IsControl(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }
// U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR: line breaks to some mail clients.
bool IsUnicodeLineBreak(char32_t cp) { return cp == 0x2028 || cp == 0x2029; }

// Body text: valid UTF-8, "\n" line ends, no control characters but TAB and LF, no trailing
// line breaks. Comments arrive with every kind of line end and stray control bytes.
std::string NormalizeBodyText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const std::size_t len = DecodeUtf8(text, i, &cp);
    if (cp == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;  // CRLF is one break
    } else if (cp == '\n' || IsUnicodeLineBreak(cp)) {
      out += '\n';
    } else if (cp == '\t' || !IsControl(cp)) {
      AppendUtf8(out, cp);
    }
    i += len;
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (true) {
    auto nl = text.find('\n');
    lines.push_back(text.substr(0, nl));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

std::vector<std::string_view> SplitWords(std::string_view text) {
  std::vector<std::string_view> words;
  while (!text.empty()) {
    auto sp = text.find(' ');
    if (sp != 0) words.push_back(text.substr(0, sp));
    if (sp == std::string_view::npos) break;
    text.remove_prefix(sp + 1);
  }
  return words;
}

std::string Base64(std::string_view data) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= data.size(); i += 3) {
    const auto n = (static_cast<unsigned char>(data[i]) << 16) |
                   (static_cast<unsigned char>(data[i + 1]) << 8) |
                   static_cast<unsigned char>(data[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (const std::size_t rest = data.size() - i; rest > 0) {
    auto n = static_cast<unsigned char>(data[i]) << 16;
    if (rest == 2) n |= static_cast<unsigned char>(data[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += rest == 2 ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// Accumulates one header field, folding (CRLF + the space that precedes a word) before a word
// that would take the line past kLineLimit. The first word always stays beside the field name.
class HeaderBuilder {
 public:
  explicit HeaderBuilder(std::string_view name) {
    out_.append(name);
    out_ += ':';
    column_ = out_.size();
  }

  // Room for a word (after its leading space) on the current line.
  std::size_t room() const {
    return column_ + 1 >= kLineLimit ? 0 : kLineLimit - column_ - 1;
  }
  bool line_has_words() const { return words_on_line_ > 0; }

  void Fold() {
    out_ += "\r\n";
    column_ = 0;
    words_on_line_ = 0;
  }

  void AddWord(std::string_view word) {
    if (words_on_line_ > 0 && word.size() > room()) Fold();
    out_ += ' ';
    out_.append(word);
    column_ += 1 + word.size();
    ++words_on_line_;
  }

  std::string Finish() && {
    out_ += "\r\n";
    return std::move(out_);
  }

 private:
  std::string out_;
  std::size_t column_ = 0;
  int words_on_line_ = 0;
};

// RFC 2047 B-encoded words carrying `text`. Each word holds whole UTF-8 characters, so every word
// decodes on its own; the whitespace between adjacent encoded-words is not part of the text, so
// folding between them loses nothing.
void AddEncodedWords(HeaderBuilder& header, std::string_view text) {
  constexpr std::size_t kOverhead = kEncodedWordPrefix.size() + kEncodedWordSuffix.size();
  // The smallest useful word carries one 4-byte character.
  constexpr std::size_t kMinWord = kOverhead + 8;
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (header.line_has_words() && header.room() < kMinWord) header.Fold();
    const std::size_t budget = std::min(kEncodedWordLimit, std::max(header.room(), kMinWord));
    const std::size_t max_bytes = (budget - kOverhead) / 4 * 3;
    std::size_t end = pos;
    while (end < text.size()) {
      char32_t cp = 0;
      const std::size_t len = DecodeUtf8(text, end, &cp);
      if (end + len - pos > max_bytes) break;
      end += len;
    }
    assert(end > pos);  // text is valid UTF-8 here and max_bytes >= 6
    std::string word(kEncodedWordPrefix);
    word += Base64(text.substr(pos, end - pos));
    word += kEncodedWordSuffix;
    header.AddWord(word);
    pos = end;
  }
}

// Text a decoder would read back unchanged if written as plain words.
bool CanWritePlain(std::string_view sanitized) {
  if (!IsAscii(sanitized) || sanitized.find("=?") != std::string_view::npos) return false;
  for (auto word : SplitWords(sanitized)) {
    if (word.size() > kMaxPlainWord) return false;
  }
  return true;
}

// A display name (RFC 5322 phrase): atoms when it is only atext, a quoted-string when it is ASCII
// with specials (commas, dots, quotes), encoded-words otherwise.
void AddPhrase(HeaderBuilder& header, std::string_view sanitized) {
  if (CanWritePlain(sanitized)) {
    auto words = SplitWords(sanitized);
    const bool atoms = std::all_of(words.begin(), words.end(), [](std::string_view w) {
      return std::all_of(w.begin(), w.end(), IsAtext);
    });
    if (atoms) {
      for (auto word : words) header.AddWord(word);
      return;
    }
    if (sanitized.size() <= kMaxPlainWord - 2) {
      std::string quoted = "\"";
      for (char c : sanitized) {
        if (c == '"' || c == '\\') quoted += '\\';
        quoted += c;
      }
      quoted += '"';
      header.AddWord(quoted);
      return;
    }
  }
  AddEncodedWords(header, sanitized);
}

bool IsBoundaryChar(char c) {
  return IsAsciiAlpha(c) || IsAsciiDigit(c) ||
         (c != '\0' && std::strchr("'()+_,-./:=?", c) != nullptr);
}

// Links go into an href: only the web, and nothing that could end the attribute or hide text.
bool IsSafeLinkUrl(std::string_view url) {
  auto starts_with_nocase = [&](std::string_view prefix) {
    return url.size() >= prefix.size() &&
           std::equal(prefix.begin(), prefix.end(), url.begin(), [](char a, char b) {
             return a == (b >= 'A' && b <= 'Z' ? static_cast<char>(b - 'A' + 'a') : b);
           });
  };
  if (!starts_with_nocase("https://") && !starts_with_nocase("http://")) return false;
  if (url.size() > 2000) return false;
  return std::all_of(url.begin(), url.end(), [](char c) {
    return c > 0x20 && c < 0x7F && c != '"' && c != '<' && c != '>' && c != '\\' && c != '`';
  });
}

// A link's label and URL are single-line text; a bad URL is shown, never linked.
std::string LinkText(const BodyBlock& block) {
  std::string label = SanitizeHeaderText(block.text);
  std::string url = SanitizeHeaderText(block.url);
  if (label.empty()) return url;
  return label + ": " + url;
}

std::string HtmlLines(std::string_view normalized) {
  std::string out;
  bool first = true;
  for (auto line : SplitLines(normalized)) {
    if (!first) out += "<br>\n";
    out += daemon::HtmlEscape(line);
    first = false;
  }
  return out;
}

void AppendQpLine(std::string_view line, std::string& out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::size_t column = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    const auto u = static_cast<unsigned char>(c);
    const bool last = i + 1 == line.size();
    bool encode = c == '=' || u >= 0x7F || (u < 0x20 && c != '\t') ||
                  ((c == ' ' || c == '\t') && last);
    if (column + (encode ? 3 : 1) > kQpLineLimit - 1) {
      out += "=\r\n";
      column = 0;
    }
    // A '.' opening a line is harmless in QP but is what SMTP dot-stuffing exists for.
    if (c == '.' && column == 0) encode = true;
    if (encode) {
      out += '=';
      out += kHex[u >> 4];
      out += kHex[u & 0x0F];
      column += 3;
    } else {
      out += c;
      column += 1;
    }
  }
}

}  // namespace

BodyBlock BodyBlock::Paragraph(std::string text) {
  return {Kind::kParagraph, std::move(text), {}};
}
BodyBlock BodyBlock::Quote(std::string text) { return {Kind::kQuote, std::move(text), {}}; }
BodyBlock BodyBlock::Link(std::string label, std::string url) {
  return {Kind::kLink, std::move(label), std::move(url)};
}

bool IsValidAddress(std::string_view address) {
  if (address.empty() || address.size() > 254) return false;
  const auto at = address.find('@');
  if (at == std::string_view::npos || address.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const auto local = address.substr(0, at);
  return local.size() <= 64 && IsDotAtom(local) && IsHostname(address.substr(at + 1));
}

std::string_view AddressDomain(std::string_view address) {
  const auto at = address.rfind('@');
  return at == std::string_view::npos ? std::string_view{} : address.substr(at + 1);
}

Result<Mailbox> ParseMailbox(std::string_view text) {
  auto trim = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
  };
  text = trim(text);
  Mailbox mailbox;
  const auto open = text.rfind('<');
  if (open == std::string_view::npos) {
    mailbox.address = std::string(text);
  } else {
    if (text.back() != '>') {
      return Error::InvalidInput(fmt::format("mailbox \"{}\": text after the address", text));
    }
    mailbox.address = std::string(text.substr(open + 1, text.size() - open - 2));
    std::string_view name = trim(text.substr(0, open));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
      name = name.substr(1, name.size() - 2);
      std::string unquoted;
      for (std::size_t i = 0; i < name.size(); ++i) {
        if (name[i] == '\\' && i + 1 < name.size()) ++i;
        unquoted += name[i];
      }
      mailbox.name = SanitizeHeaderText(unquoted);
    } else {
      mailbox.name = SanitizeHeaderText(name);
    }
  }
  if (!IsValidAddress(mailbox.address)) {
    return Error::InvalidInput(
        fmt::format("mailbox \"{}\": \"{}\" is not a valid email address",
                    SanitizeHeaderText(text), SanitizeHeaderText(mailbox.address)));
  }
  return mailbox;
}

std::string SanitizeHeaderText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const std::size_t len = DecodeUtf8(text, i, &cp);
    i += len;
    if (cp == ' ' || IsControl(cp) || IsUnicodeLineBreak(cp)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    AppendUtf8(out, cp);
  }
  return out;
}

std::string FormatUnstructuredHeader(std::string_view name, std::string_view text) {
  const std::string sanitized = SanitizeHeaderText(text);
  HeaderBuilder header(name);
  if (CanWritePlain(sanitized)) {
    for (auto word : SplitWords(sanitized)) header.AddWord(word);
  } else {
    AddEncodedWords(header, sanitized);
  }
  return std::move(header).Finish();
}

std::string FormatMailboxHeader(std::string_view name, const Mailbox& mailbox) {
  assert(IsValidAddress(mailbox.address));
  HeaderBuilder header(name);
  const std::string display = SanitizeHeaderText(mailbox.name);
  if (display.empty()) {
    header.AddWord(mailbox.address);
  } else {
    AddPhrase(header, display);
    header.AddWord("<" + mailbox.address + ">");
  }
  return std::move(header).Finish();
}

std::string FormatRfc5322Date(TimePoint t) {
  static constexpr std::array<std::string_view, 7> kWeekdays = {"Sun", "Mon", "Tue", "Wed",
                                                                "Thu", "Fri", "Sat"};
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::weekday weekday{day};
  const std::chrono::hh_mm_ss hms{t - day};
  return fmt::format("{}, {:02} {} {:04} {:02}:{:02}:{:02} +0000",
                     kWeekdays[weekday.c_encoding()], static_cast<unsigned>(ymd.day()),
                     kMonths[static_cast<unsigned>(ymd.month()) - 1],
                     static_cast<int>(ymd.year()), hms.hours().count(), hms.minutes().count(),
                     hms.seconds().count());
}

bool IsValidMessageId(std::string_view id) {
  if (id.size() < 5 || id.size() > 250 || id.front() != '<' || id.back() != '>') return false;
  const auto inner = id.substr(1, id.size() - 2);
  const auto at = inner.find('@');
  if (at == std::string_view::npos || inner.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  return IsDotAtom(inner.substr(0, at)) && IsDotAtom(inner.substr(at + 1));
}

std::string MakeMessageId(std::string_view random_hex, std::string_view domain) {
  return fmt::format("<{}@{}>", random_hex, domain);
}

std::string QuotedPrintableEncode(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  while (true) {
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    AppendQpLine(line, out);
    if (nl == std::string_view::npos) break;
    out += "\r\n";
    text.remove_prefix(nl + 1);
  }
  return out;
}

std::string RenderTextBody(const std::vector<BodyBlock>& body) {
  std::string out;
  for (const auto& block : body) {
    if (!out.empty()) out += "\n\n";
    switch (block.kind) {
      case BodyBlock::Kind::kParagraph:
        out += NormalizeBodyText(block.text);
        break;
      case BodyBlock::Kind::kQuote: {
        // Every line of someone else's text starts with "> ", so nothing in it can pass for
        // a line of ours (a fake "From:" or instructions).
        const std::string text = NormalizeBodyText(block.text);
        bool first = true;
        for (auto line : SplitLines(text)) {
          if (!first) out += '\n';
          out += line.empty() ? ">" : "> ";
          out.append(line);
          first = false;
        }
        break;
      }
      case BodyBlock::Kind::kLink:
        out += LinkText(block);
        break;
    }
  }
  out += '\n';
  return out;
}

std::string RenderHtmlBody(std::string_view subject, const std::vector<BodyBlock>& body) {
  std::string out =
      "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>" +
      daemon::HtmlEscape(SanitizeHeaderText(subject)) +
      "</title>\n</head>\n<body style=\"font-family:sans-serif;\">\n";
  for (const auto& block : body) {
    switch (block.kind) {
      case BodyBlock::Kind::kParagraph:
        out += "<p>" + HtmlLines(NormalizeBodyText(block.text)) + "</p>\n";
        break;
      case BodyBlock::Kind::kQuote:
        out += "<blockquote style=\"margin:0 0 1em 0.5em;padding-left:0.8em;"
               "border-left:3px solid #999;\">" +
               HtmlLines(NormalizeBodyText(block.text)) + "</blockquote>\n";
        break;
      case BodyBlock::Kind::kLink: {
        const std::string url = SanitizeHeaderText(block.url);
        if (!IsSafeLinkUrl(url)) {
          out += "<p>" + daemon::HtmlEscape(LinkText(block)) + "</p>\n";
          break;
        }
        std::string label = SanitizeHeaderText(block.text);
        if (label.empty()) label = url;
        out += "<p><a href=\"" + daemon::HtmlEscape(url) + "\">" + daemon::HtmlEscape(label) +
               "</a></p>\n";
        break;
      }
    }
  }
  out += "</body>\n</html>\n";
  return out;
}

Result<std::string> RenderMessage(const OutgoingMessage& message, const Mailbox& from,
                                  TimePoint date, std::string_view boundary) {
  if (!IsValidAddress(from.address)) {
    return Error::InvalidInput(fmt::format("sender address \"{}\" is not valid",
                                           SanitizeHeaderText(from.address)));
  }
  if (!IsValidAddress(message.to.address)) {
    return Error::InvalidInput(fmt::format("recipient address \"{}\" is not valid",
                                           SanitizeHeaderText(message.to.address)));
  }
  if (!IsValidMessageId(message.message_id)) {
    return Error::InvalidInput(fmt::format("Message-ID \"{}\" is not valid",
                                           SanitizeHeaderText(message.message_id)));
  }
  if (boundary.empty() || boundary.size() > 70 ||
      !std::all_of(boundary.begin(), boundary.end(), IsBoundaryChar)) {
    return Error::InvalidInput("MIME boundary is not valid");
  }

  const std::string text = QuotedPrintableEncode(RenderTextBody(message.body));
  const std::string html = QuotedPrintableEncode(RenderHtmlBody(message.subject, message.body));
  const std::string delimiter = fmt::format("--{}", boundary);
  if (text.find(delimiter) != std::string::npos || html.find(delimiter) != std::string::npos) {
    return Error::InvalidInput("MIME boundary occurs in the body");
  }

  std::string out;
  out.reserve(text.size() + html.size() + 1024);
  out += "Date: " + FormatRfc5322Date(date) + "\r\n";
  out += FormatMailboxHeader("From", from);
  out += FormatMailboxHeader("To", message.to);
  out += FormatUnstructuredHeader("Subject", message.subject);
  out += "Message-ID: " + message.message_id + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  // RFC 3834: tells out-of-office responders and list servers not to reply to an alert.
  out += "Auto-Submitted: auto-generated\r\n";
  out += fmt::format("Content-Type: multipart/alternative;\r\n boundary=\"{}\"\r\n", boundary);
  out += "\r\nThis is a multi-part message in MIME format.\r\n";
  auto add_part = [&](std::string_view type, const std::string& encoded) {
    out += "\r\n" + delimiter + "\r\n";
    out += fmt::format("Content-Type: {}; charset=UTF-8\r\n", type);
    out += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
    out += encoded;
    if (!out.ends_with("\r\n")) out += "\r\n";
  };
  add_part("text/plain", text);
  add_part("text/html", html);
  out += "\r\n" + delimiter + "--\r\n";
  return out;
}

}  // namespace schoolmod::mail
