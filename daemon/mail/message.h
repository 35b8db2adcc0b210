#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "schoolmod/result.h"
#include "schoolmod/time.h"

// Building RFC 5322 / MIME messages for the notification emails (reminders, breaches,
// safeguarding alerts). Everything here is pure: no clock, no randomness, no I/O, so the exact
// bytes are tested. Comment text is hostile input (DESIGN.md "Security"): header values are
// stripped of control characters and encoded, and the body is data, never caller-supplied markup.
namespace schoolmod::mail {

// An RFC 5322 mailbox. `name` is any UTF-8 (encoded on output); `address` must pass
// IsValidAddress() before it reaches a header or the SMTP envelope.
struct Mailbox {
  std::string name;     // display name; empty: the bare address
  std::string address;  // "alerts@example.sch.uk"
};

// One piece of an email body. The renderer produces the text/plain and the text/html part from
// the same blocks and escapes every block in the HTML part, so no block can inject markup. Put
// anything a commenter wrote in a kQuote: it shows as "> " lines in the text part and as a
// <blockquote> in the HTML part, visibly set apart from what the school's system says.
struct BodyBlock {
  enum class Kind {
    kParagraph,  // our own text; line breaks are kept
    kQuote,      // text written by someone else (a comment), quoted
    kLink,       // `text` is the label, `url` the target; only an http(s) URL without quotes,
                 // spaces or angle brackets becomes a link, anything else is shown as text
  };
  Kind kind = Kind::kParagraph;
  std::string text;  // UTF-8; "\n", "\r\n" and "\r" all end a line
  std::string url;   // kLink only

  static BodyBlock Paragraph(std::string text);
  static BodyBlock Quote(std::string text);
  static BodyBlock Link(std::string label, std::string url);
};

// One email to one recipient. The notification outbox holds one row per recipient, so a 5xx for
// the recipient fails exactly that row.
struct OutgoingMessage {
  Mailbox to;
  std::string subject;  // UTF-8, any length; control characters become spaces
  std::vector<BodyBlock> body;
  // "<unique@domain>". Empty: the transport generates one (GenerateMessageId). The outbox should
  // store one when it queues the email and pass the same id on every retry, so a message that
  // was delivered but not acknowledged (a lost connection after DATA) is recognisably the same
  // message, and the file transport overwrites rather than duplicates it.
  std::string message_id;
};

// True for an ASCII dot-atom addr-spec "local@domain" (RFC 5322 3.4.1 without quoted local
// parts, comments or IP literals), at most 254 octets, the domain at least two labels of letters,
// digits and hyphens. Rejects anything with whitespace, control characters, angle brackets,
// commas or quotes: an address that passes cannot break a header or an SMTP command.
bool IsValidAddress(std::string_view address);

// The domain part of a valid address ("example.sch.uk"), or "" when it has none.
std::string_view AddressDomain(std::string_view address);

// Parses config's mail.from: "Name <addr>", "\"Name, Jr\" <addr>" or "addr".
// kInvalidInput naming the problem when the address is missing or fails IsValidAddress().
Result<Mailbox> ParseMailbox(std::string_view text);

// What every header value goes through first: CR, LF, TAB and all other C0/C1 control
// characters and DEL become spaces, invalid UTF-8 becomes U+FFFD, runs of whitespace collapse to
// one space, and the ends are trimmed. The result can never end a header line.
std::string SanitizeHeaderText(std::string_view text);

// A complete header field, folded to lines of at most 78 octets where the content allows, ending
// in CRLF. Unstructured text (Subject) that is plain ASCII is folded at spaces; anything with
// non-ASCII characters, "=?" or a word too long to fold is written as RFC 2047 encoded-words
// ("=?UTF-8?B?...?="), each at most 75 octets and split only between whole UTF-8 characters.
std::string FormatUnstructuredHeader(std::string_view name, std::string_view text);
// "To: Name <addr>\r\n" with the display name as atoms, a quoted-string, or encoded-words.
// The address must already be valid (asserted).
std::string FormatMailboxHeader(std::string_view name, const Mailbox& mailbox);

// RFC 5322 date-time in UTC: "Mon, 23 Nov 2026 17:00:00 +0000".
std::string FormatRfc5322Date(TimePoint t);

// True for "<left@right>" where both sides are dot-atoms of printable ASCII (RFC 5322 msg-id,
// no-fold-literal excluded), at most 250 octets in all.
bool IsValidMessageId(std::string_view id);
// "<random@domain>" from 128 bits of `random_hex` (32 lowercase hex digits) and the sender's
// domain. Split from the random source so it stays pure; transports call it with fresh bytes.
std::string MakeMessageId(std::string_view random_hex, std::string_view domain);

// RFC 2045 quoted-printable of UTF-8 text with CRLF line ends: lines of at most 76 octets, '='
// and non-ASCII as =XX, trailing whitespace and a leading '.' encoded too (so no line can look
// like the SMTP end-of-data marker, whatever the relay does about dot-stuffing).
std::string QuotedPrintableEncode(std::string_view text);

// The two bodies, before transfer encoding; "\n" line ends. Exposed for tests and previews.
std::string RenderTextBody(const std::vector<BodyBlock>& body);
// A complete small HTML document; every block's text (and the subject, as the title) is escaped.
std::string RenderHtmlBody(std::string_view subject, const std::vector<BodyBlock>& body);

// The whole message, CRLF line ends, ready for SMTP DATA or a .eml file: Date, From, To,
// Subject, Message-ID, MIME-Version, Auto-Submitted and a multipart/alternative body with a
// text/plain and a text/html part, both UTF-8 quoted-printable. `message.message_id` must be set.
// `boundary` is 1..70 characters of [A-Za-z0-9'()+_,-./:=?] (the transport passes a random one).
// kInvalidInput when the recipient address, the from address, the Message-ID or the boundary is
// unusable; nothing in the subject or body can make it fail (a platform's odd permalink must not
// cost a safeguarding alert).
Result<std::string> RenderMessage(const OutgoingMessage& message, const Mailbox& from,
                                  TimePoint date, std::string_view boundary);

}  // namespace schoolmod::mail
