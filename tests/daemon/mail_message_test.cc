#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "mail/message.h"

namespace schoolmod::mail {
namespace {

using namespace std::chrono_literals;

// Independent decoders, so the tests check what a reader gets back, not how we encoded it.
std::string Base64Decode(std::string_view in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : in) {
    const int v = value(c);
    if (v < 0) continue;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

// A header field's value: unfolded, encoded-words decoded (whitespace between two of them
// dropped, as RFC 2047 6.2 says).
std::string DecodeHeaderValue(std::string_view field) {
  std::string unfolded;
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field.substr(i, 2) == "\r\n") {
      ++i;
      continue;
    }
    unfolded += field[i];
  }
  auto colon = unfolded.find(':');
  std::string_view value = std::string_view(unfolded).substr(colon + 1);
  if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  std::string out;
  bool last_was_encoded = false;
  std::string pending_space;
  while (!value.empty()) {
    auto sp = value.find(' ');
    std::string_view word = value.substr(0, sp);
    const bool encoded = word.starts_with("=?UTF-8?B?") && word.ends_with("?=");
    if (!(encoded && last_was_encoded)) out += pending_space;
    if (encoded) {
      out += Base64Decode(word.substr(10, word.size() - 12));
    } else {
      out += word;
    }
    last_was_encoded = encoded;
    pending_space = " ";
    if (sp == std::string_view::npos) break;
    value.remove_prefix(sp + 1);
  }
  return out;
}

std::string QpDecode(std::string_view in) {
  std::string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '=') {
      out += in[i];
      continue;
    }
    if (in.substr(i + 1, 2) == "\r\n") {
      i += 2;
      continue;
    }
    out += static_cast<char>(std::stoi(std::string(in.substr(i + 1, 2)), nullptr, 16));
    i += 2;
  }
  return out;
}

std::vector<std::string> Lines(std::string_view text) {
  std::vector<std::string> lines;
  while (true) {
    auto end = text.find("\r\n");
    lines.emplace_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 2);
  }
  return lines;
}

void CheckFolded(const std::string& field) {
  INFO(field);
  REQUIRE(field.ends_with("\r\n"));
  const auto lines = Lines(field.substr(0, field.size() - 2));
  for (std::size_t i = 0; i < lines.size(); ++i) {
    CHECK(lines[i].size() <= 78);
    CHECK(lines[i].find_first_of("\r\n") == std::string::npos);
    if (i > 0) CHECK(lines[i].front() == ' ');
    // Every encoded-word within RFC 2047's 75 octets.
    for (std::size_t p = lines[i].find("=?"); p != std::string::npos;
         p = lines[i].find("=?", p + 2)) {
      const auto e = lines[i].find("?=", p + 10);
      REQUIRE(e != std::string::npos);
      CHECK(e + 2 - p <= 75);
      p = e;
    }
  }
}

TimePoint At(int y, unsigned m, unsigned d, int hh, int mm, int ss) {
  return TimePoint{std::chrono::sys_days{std::chrono::year{y} / m / d}} + std::chrono::hours(hh) +
         std::chrono::minutes(mm) + std::chrono::seconds(ss);
}

OutgoingMessage SampleMessage() {
  OutgoingMessage m;
  m.to = {"Sinead Travis", "s.travis@casterton.example.sch.uk"};
  m.subject = "Response due: comment on casterton-facebook";
  m.message_id = "<0123456789abcdef0123456789abcdef@casterton.example.sch.uk>";
  m.body = {BodyBlock::Paragraph("A comment needs a response by 17:00."),
            BodyBlock::Quote("Why is the car park closed?"),
            BodyBlock::Link("Open the item", "https://schoolmod.example.sch.uk/items/42")};
  return m;
}

const Mailbox kFrom{"School social media alerts", "alerts@casterton.example.sch.uk"};
constexpr std::string_view kBoundary = "=_schoolmod_test";

// The header section of a rendered message.
std::string HeaderSection(const std::string& message) {
  return message.substr(0, message.find("\r\n\r\n") + 2);
}

}  // namespace

TEST_CASE("mail addresses: only plain dot-atom addresses pass", "[mail][message]") {
  for (const char* good : {"alerts@example.sch.uk", "s.travis@casterton.example.sch.uk",
                           "o'neill+sm@school.example.org", "a@b.co"}) {
    INFO(good);
    CHECK(IsValidAddress(good));
  }
  for (const char* bad :
       {"", "alerts", "alerts@", "@example.org", "a@localhost", "a@@example.org",
        "a@b@example.org", "a b@example.org", "a@example.org\r\nBcc: victim@example.com",
        "a@example.org\n", "<a@example.org>", "a>@example.org", "a,b@example.org",
        "\"a\"@example.org", ".a@example.org", "a..b@example.org", "a@-example.org",
        "a@example..org", "a@exa_mple.org", "caf\xc3\xa9@example.org", "a@[127.0.0.1]"}) {
    INFO(bad);
    CHECK_FALSE(IsValidAddress(bad));
  }
  CHECK_FALSE(IsValidAddress(std::string(65, 'a') + "@example.org"));
  CHECK(AddressDomain("alerts@example.sch.uk") == "example.sch.uk");
}

TEST_CASE("mail ParseMailbox reads mail.from in its usual forms", "[mail][message]") {
  auto plain = ParseMailbox("alerts@example.sch.uk");
  REQUIRE(plain);
  CHECK(plain->name.empty());
  CHECK(plain->address == "alerts@example.sch.uk");

  auto named = ParseMailbox("  School social media alerts <alerts@example.sch.uk> ");
  REQUIRE(named);
  CHECK(named->name == "School social media alerts");
  CHECK(named->address == "alerts@example.sch.uk");

  auto quoted = ParseMailbox(R"("Hill, Tom \"TH\"" <t.hill@example.sch.uk>)");
  REQUIRE(quoted);
  CHECK(quoted->name == R"(Hill, Tom "TH")");

  for (const char* bad : {"", "School <>", "School <not-an-address>", "School <a@b.uk> x",
                          "a@b.uk\r\nBcc: v@example.com"}) {
    INFO(bad);
    auto r = ParseMailbox(bad);
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::kInvalidInput);
  }
}

TEST_CASE("mail SanitizeHeaderText removes everything that could end a header line",
          "[mail][message]") {
  CHECK(SanitizeHeaderText("Hi\r\nBcc: victim@example.com") == "Hi Bcc: victim@example.com");
  CHECK(SanitizeHeaderText("a\rb\nc\td\x01" "e\x7f" "f") == "a b c d e f");
  CHECK(SanitizeHeaderText("  lots   of\t\tspace  ") == "lots of space");
  // C1 NEL and the Unicode line and paragraph separators are line breaks to some readers.
  CHECK(SanitizeHeaderText("a\xc2\x85" "b\xe2\x80\xa8" "c\xe2\x80\xa9" "d") == "a b c d");
  // Invalid UTF-8 (a lone continuation byte, an overlong '/', a surrogate) becomes U+FFFD.
  CHECK(SanitizeHeaderText("x\x80y") == "x\xef\xbf\xbdy");
  CHECK(SanitizeHeaderText("\xc0\xaf") == "\xef\xbf\xbd\xef\xbf\xbd");
  CHECK(SanitizeHeaderText("\xed\xa0\x80") == "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
  CHECK(SanitizeHeaderText("Zo\xc3\xab \xf0\x9f\x98\x80") == "Zo\xc3\xab \xf0\x9f\x98\x80");
}

TEST_CASE("mail unstructured headers: plain when possible, RFC 2047 otherwise",
          "[mail][message]") {
  SECTION("short ASCII stays readable") {
    CHECK(FormatUnstructuredHeader("Subject", "Response due today") ==
          "Subject: Response due today\r\n");
  }
  SECTION("long ASCII folds at spaces and unfolds to the same text") {
    std::string text;
    for (int i = 0; i < 40; ++i) text += "word" + std::to_string(i) + " ";
    text.pop_back();
    const std::string field = FormatUnstructuredHeader("Subject", text);
    CheckFolded(field);
    CHECK(field.find("=?") == std::string::npos);
    CHECK(DecodeHeaderValue(field) == text);
  }
  SECTION("non-ASCII text becomes encoded-words that decode back") {
    for (std::string text :
         {std::string("R\xc3\xa9ponse due: Zo\xc3\xab's comment"),
          std::string("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e "), std::string(200, 'x') + "\xc3\xa9",
          std::string("\xf0\x9f\x98\x80 emoji \xf0\x9f\x98\x80 and more ") + std::string(60, 'z'),
          [] {
            std::string s;
            for (int i = 0; i < 80; ++i) s += "\xe2\x82\xac";  // 80 euro signs, 3 bytes each
            return s;
          }()}) {
      const std::string field = FormatUnstructuredHeader("Subject", text);
      CheckFolded(field);
      CHECK(field.find("=?UTF-8?B?") != std::string::npos);
      CHECK(DecodeHeaderValue(field) == SanitizeHeaderText(text));
    }
  }
  SECTION("text that looks like an encoded-word is encoded, so it reads back literally") {
    const std::string field = FormatUnstructuredHeader("Subject", "=?UTF-8?B?SGk=?=");
    CHECK(field != "Subject: =?UTF-8?B?SGk=?=\r\n");
    CHECK(DecodeHeaderValue(field) == "=?UTF-8?B?SGk=?=");
  }
  SECTION("a word too long to fold is encoded rather than overflowing the line") {
    const std::string text = "see " + std::string(120, 'a');
    const std::string field = FormatUnstructuredHeader("Subject", text);
    CheckFolded(field);
    CHECK(DecodeHeaderValue(field) == text);
  }
  SECTION("CR and LF never survive") {
    const std::string field =
        FormatUnstructuredHeader("Subject", "Hi\r\nBcc: victim@example.com\r\n\r\nbody");
    CheckFolded(field);
    CHECK(Lines(field).size() == 2);  // one line plus the empty rest after the final CRLF
    CHECK(DecodeHeaderValue(field) == "Hi Bcc: victim@example.com body");
  }
  SECTION("empty") { CHECK(FormatUnstructuredHeader("Subject", " \r\n ") == "Subject:\r\n"); }
}

TEST_CASE("mail mailbox headers: atoms, quoted-strings and encoded-words", "[mail][message]") {
  CHECK(FormatMailboxHeader("To", {"", "a@example.org"}) == "To: a@example.org\r\n");
  CHECK(FormatMailboxHeader("To", {"Tom Hill", "t.hill@example.org"}) ==
        "To: Tom Hill <t.hill@example.org>\r\n");
  CHECK(FormatMailboxHeader("To", {"Hill, Tom (IT)", "t@example.org"}) ==
        "To: \"Hill, Tom (IT)\" <t@example.org>\r\n");
  CHECK(FormatMailboxHeader("To", {R"(Tom "TH" \ Hill)", "t@example.org"}) ==
        "To: \"Tom \\\"TH\\\" \\\\ Hill\" <t@example.org>\r\n");

  const std::string field = FormatMailboxHeader("From", {"Zo\xc3\xab Br\xc3\xb6nte", "z@example.org"});
  CheckFolded(field);
  CHECK(field.starts_with("From: =?UTF-8?B?"));
  CHECK(field.ends_with(" <z@example.org>\r\n"));

  const std::string hostile =
      FormatMailboxHeader("To", {"Tom\r\nBcc: victim@example.com", "t@example.org"});
  CheckFolded(hostile);
  CHECK(hostile.find("\r\nBcc") == std::string::npos);
  CHECK(hostile == "To: \"Tom Bcc: victim@example.com\" <t@example.org>\r\n");

  const std::string long_name = FormatMailboxHeader(
      "To", {std::string(50, 'A') + " " + std::string(50, 'B'), "t@example.org"});
  CheckFolded(long_name);
}

TEST_CASE("mail Date is RFC 5322 in UTC", "[mail][message]") {
  CHECK(FormatRfc5322Date(At(2026, 11, 23, 17, 0, 0)) == "Mon, 23 Nov 2026 17:00:00 +0000");
  CHECK(FormatRfc5322Date(At(1970, 1, 1, 0, 0, 0)) == "Thu, 01 Jan 1970 00:00:00 +0000");
  CHECK(FormatRfc5322Date(At(2028, 2, 29, 23, 59, 59)) == "Tue, 29 Feb 2028 23:59:59 +0000");
  CHECK(FormatRfc5322Date(At(2027, 3, 28, 1, 30, 5)) == "Sun, 28 Mar 2027 01:30:05 +0000");
}

TEST_CASE("mail Message-IDs", "[mail][message]") {
  CHECK(IsValidMessageId("<abc@example.org>"));
  CHECK(IsValidMessageId("<notification.42.1@casterton.example.sch.uk>"));
  CHECK(MakeMessageId("00ff", "example.org") == "<00ff@example.org>");
  CHECK(IsValidMessageId(MakeMessageId("0123456789abcdef0123456789abcdef", "example.org")));
  for (const char* bad : {"", "abc@example.org", "<abc>", "<abc@>", "<@example.org>",
                          "<a b@example.org>", "<a@b@c>", "<abc@example.org>\r\nBcc: v@e.org",
                          "<a\r\nb@example.org>", "<a<b@example.org>", "<a@example.org"}) {
    INFO(bad);
    CHECK_FALSE(IsValidMessageId(bad));
  }
  CHECK_FALSE(IsValidMessageId("<" + std::string(250, 'a') + "@example.org>"));
}

TEST_CASE("mail quoted-printable", "[mail][message]") {
  CHECK(QuotedPrintableEncode("a=b") == "a=3Db");
  CHECK(QuotedPrintableEncode("caf\xc3\xa9") == "caf=C3=A9");
  CHECK(QuotedPrintableEncode("trailing \nspace\t") == "trailing=20\r\nspace=09");
  CHECK(QuotedPrintableEncode(".\n..x") == "=2E\r\n=2E.x");
  CHECK(QuotedPrintableEncode("a\r\nb") == "a\r\nb");

  std::string long_text;
  for (int i = 0; i < 300; ++i) long_text += (i % 7 == 0) ? "\xc3\xa9" : (i % 11 == 0 ? "=" : "a");
  long_text += "\n.starts with a dot\nends with space ";
  const std::string encoded = QuotedPrintableEncode(long_text);
  for (const auto& line : Lines(encoded)) {
    INFO(line);
    CHECK(line.size() <= 76);
    CHECK_FALSE(line.starts_with("."));
    CHECK(std::all_of(line.begin(), line.end(), [](char c) {
      return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7F;
    }));
  }
  std::string expected = long_text;
  std::string decoded = QpDecode(encoded);
  // Line ends come back as CRLF.
  std::string normalized;
  for (char c : expected) {
    if (c == '\n') normalized += '\r';
    normalized += c;
  }
  CHECK(decoded == normalized);
}

TEST_CASE("mail text body quotes comment text line by line", "[mail][message]") {
  const std::string text = RenderTextBody(
      {BodyBlock::Paragraph("Intro line one\r\nline two"),
       BodyBlock::Quote("first\r\n\r\nthird\rfourth\n> already quoted\x01\x7f"),
       BodyBlock::Link("Open the item", "https://schoolmod.example.sch.uk/items/42")});
  CHECK(text ==
        "Intro line one\nline two\n"
        "\n"
        "> first\n"
        ">\n"
        "> third\n"
        "> fourth\n"
        "> > already quoted\n"
        "\n"
        "Open the item: https://schoolmod.example.sch.uk/items/42\n");
}

TEST_CASE("mail HTML body escapes every block", "[mail][message]") {
  const std::string html = RenderHtmlBody(
      "Alert <b>now</b>",
      {BodyBlock::Paragraph("From \"Tom\" & co"),
       BodyBlock::Quote("<script>alert('x')</script>\nline 2"),
       BodyBlock::Link("Open <it>", "https://schoolmod.example.sch.uk/items/42?a=1&b=2"),
       BodyBlock::Link("bad", "javascript:alert(1)"),
       BodyBlock::Link("sneaky", "https://example.org/\"onmouseover=\"alert(1)")});
  CHECK(html.find("<script>") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;<br>\nline 2") !=
        std::string::npos);
  CHECK(html.find("<title>Alert &lt;b&gt;now&lt;/b&gt;</title>") != std::string::npos);
  CHECK(html.find("<p>From &quot;Tom&quot; &amp; co</p>") != std::string::npos);
  CHECK(html.find("<a href=\"https://schoolmod.example.sch.uk/items/42?a=1&amp;b=2\">Open "
                  "&lt;it&gt;</a>") != std::string::npos);
  // Not links: a script URL and one that would break out of the attribute.
  CHECK(html.find("href=\"javascript") == std::string::npos);
  CHECK(html.find("<p>bad: javascript:alert(1)</p>") != std::string::npos);
  CHECK(html.find("onmouseover=\"") == std::string::npos);
  CHECK(std::count(html.begin(), html.end(), '<') ==
        std::count(html.begin(), html.end(), '>'));
}

TEST_CASE("mail RenderMessage builds a complete multipart/alternative message",
          "[mail][message]") {
  auto rendered = RenderMessage(SampleMessage(), kFrom, At(2026, 11, 23, 9, 5, 0), kBoundary);
  REQUIRE(rendered);
  const std::string& m = *rendered;
  const std::string headers = HeaderSection(m);

  CHECK(headers ==
        "Date: Mon, 23 Nov 2026 09:05:00 +0000\r\n"
        "From: School social media alerts <alerts@casterton.example.sch.uk>\r\n"
        "To: Sinead Travis <s.travis@casterton.example.sch.uk>\r\n"
        "Subject: Response due: comment on casterton-facebook\r\n"
        "Message-ID: <0123456789abcdef0123456789abcdef@casterton.example.sch.uk>\r\n"
        "MIME-Version: 1.0\r\n"
        "Auto-Submitted: auto-generated\r\n"
        "Content-Type: multipart/alternative;\r\n"
        " boundary=\"=_schoolmod_test\"\r\n");

  // Every line ends in CRLF and stays within the limits.
  for (std::size_t i = 0; i < m.size(); ++i) {
    if (m[i] == '\n') REQUIRE((i > 0 && m[i - 1] == '\r'));
    if (m[i] == '\r') REQUIRE((i + 1 < m.size() && m[i + 1] == '\n'));
  }
  for (const auto& line : Lines(m)) CHECK(line.size() <= 78);

  CHECK(m.find("\r\n--=_schoolmod_test\r\nContent-Type: text/plain; charset=UTF-8\r\n"
               "Content-Transfer-Encoding: quoted-printable\r\n\r\n") != std::string::npos);
  CHECK(m.find("\r\n--=_schoolmod_test\r\nContent-Type: text/html; charset=UTF-8\r\n"
               "Content-Transfer-Encoding: quoted-printable\r\n\r\n") != std::string::npos);
  CHECK(m.ends_with("\r\n--=_schoolmod_test--\r\n"));
  CHECK(m.find("> Why is the car park closed?") != std::string::npos);
}

TEST_CASE("mail RenderMessage keeps hostile text out of the headers", "[mail][message]") {
  OutgoingMessage message = SampleMessage();
  message.subject = "Hi\r\nBcc: victim@example.com\r\n\r\n<script>";
  message.to.name = "Tom\r\nBcc: victim@example.com";
  message.body.push_back(BodyBlock::Quote("Hi\r\nBcc: victim@example.com\r\n.\r\nRCPT TO:<x@y.z>"));
  auto rendered = RenderMessage(message, kFrom, At(2026, 11, 23, 9, 5, 0), kBoundary);
  REQUIRE(rendered);
  const std::string headers = HeaderSection(*rendered);
  for (const auto& line : Lines(headers)) {
    INFO(line);
    CHECK_FALSE(line.starts_with("Bcc"));
  }
  // Exactly our header fields, nothing smuggled in.
  std::vector<std::string> names;
  for (const auto& line : Lines(headers)) {
    if (!line.empty() && line.front() != ' ') names.push_back(line.substr(0, line.find(':')));
  }
  CHECK(names == std::vector<std::string>{"Date", "From", "To", "Subject", "Message-ID",
                                          "MIME-Version", "Auto-Submitted", "Content-Type"});
  // No line of the whole message is a lone "." (end of DATA) after encoding.
  for (const auto& line : Lines(*rendered)) CHECK(line != ".");
}

TEST_CASE("mail RenderMessage rejects what it cannot send safely", "[mail][message]") {
  const TimePoint date = At(2026, 11, 23, 9, 5, 0);
  auto kind_of = [&](const OutgoingMessage& m, const Mailbox& from, std::string_view boundary) {
    auto r = RenderMessage(m, from, date, boundary);
    REQUIRE_FALSE(r);
    return r.error().kind;
  };
  OutgoingMessage m = SampleMessage();
  m.to.address = "victim@example.com>\r\nBcc: <other@example.com";
  CHECK(kind_of(m, kFrom, kBoundary) == ErrorKind::kInvalidInput);
  m = SampleMessage();
  m.to.address = "<s.travis@casterton.example.sch.uk>";
  CHECK(kind_of(m, kFrom, kBoundary) == ErrorKind::kInvalidInput);
  m = SampleMessage();
  m.message_id = "";
  CHECK(kind_of(m, kFrom, kBoundary) == ErrorKind::kInvalidInput);
  m.message_id = "<x@y>\r\nBcc: v@example.com";
  CHECK(kind_of(m, kFrom, kBoundary) == ErrorKind::kInvalidInput);
  CHECK(kind_of(SampleMessage(), {"x", "not an address"}, kBoundary) ==
        ErrorKind::kInvalidInput);
  CHECK(kind_of(SampleMessage(), kFrom, "") == ErrorKind::kInvalidInput);
  CHECK(kind_of(SampleMessage(), kFrom, "bad\r\nboundary") == ErrorKind::kInvalidInput);
  CHECK(kind_of(SampleMessage(), kFrom, std::string(71, 'b')) == ErrorKind::kInvalidInput);
  // A boundary that the body happens to contain would split the part.
  m = SampleMessage();
  m.body.push_back(BodyBlock::Paragraph("--plainboundary"));
  CHECK(kind_of(m, kFrom, "plainboundary") == ErrorKind::kInvalidInput);

  // A strange permalink is shown, not linked, and never costs the message.
  m = SampleMessage();
  m.body.push_back(BodyBlock::Link("View it", "javascript:alert(1)"));
  CHECK(RenderMessage(m, kFrom, date, kBoundary));
}

}  // namespace schoolmod::mail
