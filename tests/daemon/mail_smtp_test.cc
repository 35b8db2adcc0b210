#include <chrono>
#include <regex>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "mail/smtp_error.h"
#include "mail/transport.h"
#include "schoolmod/config/config.h"
#include "support/smtp_server.h"

namespace schoolmod::mail {
namespace {

using namespace std::chrono_literals;
using testing::ReceivedMessage;
using testing::SmtpServer;
using testing::SmtpServerOptions;
using Tls = SmtpServerOptions::Tls;

constexpr const char* kFrom = "School social media alerts <alerts@casterton.example.sch.uk>";
constexpr const char* kTo = "s.travis@casterton.example.sch.uk";

config::MailSettings SmtpSettings(const std::string& url,
                                  config::StartTls starttls = config::StartTls::kNone) {
  config::MailSettings s;
  s.transport = config::MailTransport::kSmtp;
  s.url = url;
  s.starttls = starttls;
  s.from = kFrom;
  s.connect_timeout = 10s;
  s.timeout = 30s;
  return s;
}

std::unique_ptr<MailTransport> Make(const config::MailSettings& settings,
                                    const std::string& ca_file = "") {
  TransportOptions options;
  options.ca_file = ca_file;
  auto transport = MakeMailTransport(settings, nullptr, options);
  INFO((transport ? std::string() : transport.error().message));
  REQUIRE(transport);
  return std::move(transport).value();
}

OutgoingMessage Message(std::string message_id = "") {
  OutgoingMessage m;
  m.to = {"Sin\xc3\xa9" "ad Travis", kTo};
  m.subject = "R\xc3\xa9ponse due: Zo\xc3\xab's comment \xe2\x80\x94 \xe6\x97\xa5\xe6\x9c\xac";
  m.body = {BodyBlock::Paragraph("A comment on casterton-facebook needs a response by 17:00."),
            BodyBlock::Quote("Caf\xc3\xa9 closed?\nSecond line"),
            BodyBlock::Link("Open the item", "https://schoolmod.example.sch.uk/items/42")};
  m.message_id = std::move(message_id);
  return m;
}

ErrorKind KindOf(const Result<void>& r) {
  REQUIRE_FALSE(r);
  return r.error().kind;
}

std::string HeaderSection(const std::string& raw) {
  return raw.substr(0, raw.find("\r\n\r\n") + 2);
}

}  // namespace

TEST_CASE("mail smtp delivers a well-formed message to the envelope recipient",
          "[mail][smtp]") {
  SmtpServer server;
  auto transport = Make(SmtpSettings(server.url()));
  REQUIRE(transport->Send(Message("<notification-1@casterton.example.sch.uk>")));

  const auto received = server.Received();
  REQUIRE(received.size() == 1);
  const ReceivedMessage& r = received[0];
  CHECK(r.mail_from == "alerts@casterton.example.sch.uk");
  CHECK(r.rcpt_tos == std::vector<std::string>{kTo});
  CHECK_FALSE(r.tls);
  CHECK(r.auth_login.empty());

  const auto& p = r.parsed;
  INFO(r.raw);
  CHECK(p.defects.empty());
  for (const char* name : {"From", "To", "Subject", "Date", "Message-ID", "MIME-Version"}) {
    INFO(name);
    CHECK(p.HeaderValues(name).size() == 1);
  }
  CHECK(p.HeaderValues("Subject")[0] ==
        "R\xc3\xa9ponse due: Zo\xc3\xab's comment \xe2\x80\x94 \xe6\x97\xa5\xe6\x9c\xac");
  CHECK(p.addresses.at("From") ==
        std::vector<std::pair<std::string, std::string>>{
            {"School social media alerts", "alerts@casterton.example.sch.uk"}});
  CHECK(p.addresses.at("To") ==
        std::vector<std::pair<std::string, std::string>>{{"Sin\xc3\xa9" "ad Travis", kTo}});
  CHECK(p.HeaderValues("Message-ID")[0] == "<notification-1@casterton.example.sch.uk>");
  CHECK(p.HeaderValues("MIME-Version")[0] == "1.0");
  CHECK(std::regex_match(p.HeaderValues("Date")[0],
                         std::regex(R"((Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|)"
                                    R"(Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d \+0000)")));

  // The encoded subject as it travels: RFC 2047 encoded-words, nothing raw.
  const std::string headers = HeaderSection(r.raw);
  CHECK(headers.find("Subject: =?UTF-8?B?") != std::string::npos);
  for (unsigned char c : headers) CHECK(c < 0x80);

  CHECK(p.content_type == "multipart/alternative");
  REQUIRE(p.parts.size() == 2);
  CHECK(p.parts[0].content_type == "text/plain");
  CHECK(p.parts[1].content_type == "text/html");
  for (const auto& part : p.parts) {
    CHECK(part.charset == "utf-8");
    CHECK(part.transfer_encoding == "quoted-printable");
  }
  CHECK(p.parts[0].content.find("> Caf\xc3\xa9 closed?\n> Second line") != std::string::npos);
  CHECK(p.parts[0].content.find("Open the item: https://schoolmod.example.sch.uk/items/42") !=
        std::string::npos);
  CHECK(p.parts[1].content.find("Caf\xc3\xa9 closed?<br>") != std::string::npos);
  CHECK(p.parts[1].content.find("<a href=\"https://schoolmod.example.sch.uk/items/42\">") !=
        std::string::npos);
}

TEST_CASE("mail smtp generates a Message-ID in the sender's domain when none is given",
          "[mail][smtp]") {
  SmtpServer server;
  auto transport = Make(SmtpSettings(server.url()));
  REQUIRE(transport->Send(Message()));
  REQUIRE(transport->Send(Message()));
  const auto received = server.Received();
  REQUIRE(received.size() == 2);
  const std::regex id(R"(<[0-9a-f]{32}@casterton\.example\.sch\.uk>)");
  const auto first = received[0].parsed.HeaderValues("Message-ID").at(0);
  const auto second = received[1].parsed.HeaderValues("Message-ID").at(0);
  CHECK(std::regex_match(first, id));
  CHECK(std::regex_match(second, id));
  CHECK(first != second);
  CHECK(std::regex_match(GenerateMessageId("example.org"),
                         std::regex(R"(<[0-9a-f]{32}@example\.org>)")));
}

TEST_CASE("mail smtp: hostile text cannot add headers or recipients", "[mail][smtp]") {
  SmtpServer server;
  auto transport = Make(SmtpSettings(server.url()));
  OutgoingMessage m = Message("<hostile-1@casterton.example.sch.uk>");
  m.subject = "Hi\r\nBcc: victim@example.com";
  m.to.name = "Tom\r\nBcc: victim@example.com\r\nX-Injected: 1";
  m.body.push_back(BodyBlock::Paragraph("Posted by Hi\r\nBcc: victim@example.com"));
  // A comment trying SMTP smuggling: end the DATA early and start a second message.
  m.body.push_back(BodyBlock::Quote(
      "Hi\r\nBcc: victim@example.com\r\n.\r\nMAIL FROM:<x@example.com>\r\n"
      "RCPT TO:<victim@example.com>\r\nDATA\r\nSubject: smuggled\r\n\r\nhi\r\n.\r\n"
      "<script>alert('x')</script>"));
  REQUIRE(transport->Send(m));

  const auto received = server.Received();
  REQUIRE(received.size() == 1);
  const auto& r = received[0];
  CHECK(r.rcpt_tos == std::vector<std::string>{kTo});
  CHECK(r.parsed.HeaderValues("Bcc").empty());
  CHECK(r.parsed.HeaderValues("X-Injected").empty());
  CHECK(r.parsed.HeaderValues("Subject") ==
        std::vector<std::string>{"Hi Bcc: victim@example.com"});
  CHECK(r.parsed.addresses.at("To") ==
        std::vector<std::pair<std::string, std::string>>{
            {"Tom Bcc: victim@example.com X-Injected: 1", kTo}});
  CHECK(r.parsed.defects.empty());
  const std::string headers = HeaderSection(r.raw);
  CHECK(headers.find("\r\nBcc") == std::string::npos);
  CHECK(headers.find("\r\nX-Injected") == std::string::npos);

  const auto* text = r.parsed.FindPart("text/plain");
  const auto* html = r.parsed.FindPart("text/html");
  REQUIRE(text != nullptr);
  REQUIRE(html != nullptr);
  // The whole comment arrived inside the one message, quoted.
  CHECK(text->content.find("> .\n> MAIL FROM:<x@example.com>") != std::string::npos);
  CHECK(text->content.find("> <script>alert('x')</script>") != std::string::npos);
  CHECK(html->content.find("<script>") == std::string::npos);
  CHECK(html->content.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") !=
        std::string::npos);
  CHECK(html->content.find("MAIL FROM:&lt;x@example.com&gt;") != std::string::npos);
}

TEST_CASE("mail smtp: a recipient rejected with 550 is a permanent failure", "[mail][smtp]") {
  SmtpServerOptions options;
  options.reject_recipients = {kTo};
  SmtpServer server(options);
  auto transport = Make(SmtpSettings(server.url()));
  const auto result = transport->Send(Message("<rejected-1@casterton.example.sch.uk>"));
  CHECK(KindOf(result) == ErrorKind::kPermanent);
  CHECK_THAT(result.error().message, Catch::Contains("550"));
  CHECK_THAT(result.error().message, Catch::Contains("<rejected-1@casterton.example.sch.uk>"));
  CHECK(server.Received().empty());

  OutgoingMessage other = Message();
  other.to.address = "t.hill@casterton.example.sch.uk";
  CHECK(transport->Send(other));
  CHECK(server.Received().size() == 1);
}

TEST_CASE("mail smtp: 451 is transient and the retry keeps the Message-ID", "[mail][smtp]") {
  SmtpServerOptions options;
  options.tempfail_first = 1;
  SmtpServer server(options);
  auto transport = Make(SmtpSettings(server.url()));
  const OutgoingMessage m = Message("<outbox-7@casterton.example.sch.uk>");
  const auto first = transport->Send(m);
  CHECK(KindOf(first) == ErrorKind::kTransient);
  CHECK_THAT(first.error().message, Catch::Contains("451"));
  CHECK(server.Received().empty());

  REQUIRE(transport->Send(m));
  const auto received = server.Received();
  REQUIRE(received.size() == 1);
  CHECK(received[0].parsed.HeaderValues("Message-ID") ==
        std::vector<std::string>{"<outbox-7@casterton.example.sch.uk>"});
}

TEST_CASE("mail smtp: a server that is down is transient", "[mail][smtp]") {
  auto transport =
      Make(SmtpSettings("smtp://127.0.0.1:" + std::to_string(testing::UnusedLoopbackPort())));
  CHECK(KindOf(transport->Send(Message())) == ErrorKind::kTransient);
}

TEST_CASE("mail smtp: a server that never greets times out as transient", "[mail][smtp]") {
  testing::SilentServer silent;
  auto settings = SmtpSettings("smtp://127.0.0.1:" + std::to_string(silent.port()));
  settings.timeout = 1s;
  auto transport = Make(settings);
  const auto result = transport->Send(Message());
  CHECK(KindOf(result) == ErrorKind::kTransient);
  CHECK_THAT(result.error().message, Catch::Contains("imeout") || Catch::Contains("timed out"));
}

TEST_CASE("mail smtp AUTH", "[mail][smtp]") {
  SmtpServerOptions options;
  options.auth_user = "alerts@casterton.example.sch.uk";
  options.auth_password = "correct horse battery staple";
  SmtpServer server(options);
  auto settings = SmtpSettings(server.url());

  SECTION("the right password delivers") {
    settings.username = options.auth_user;
    settings.password = config::Secret{options.auth_password, "test"};
    REQUIRE(Make(settings)->Send(Message()));
    const auto received = server.Received();
    REQUIRE(received.size() == 1);
    CHECK(received[0].auth_login == options.auth_user);
  }
  SECTION("a wrong password is an auth failure") {
    settings.username = options.auth_user;
    settings.password = config::Secret{"wrong", "test"};
    const auto result = Make(settings)->Send(Message());
    CHECK(KindOf(result) == ErrorKind::kAuth);
    CHECK_THAT(result.error().message, Catch::Contains("535"));
    // Never the password in what the outbox records or logs.
    CHECK_THAT(result.error().message, !Catch::Contains("wrong"));
    CHECK(server.Received().empty());
  }
  SECTION("no credentials where the server requires them is an auth failure") {
    const auto result = Make(settings)->Send(Message());
    CHECK(KindOf(result) == ErrorKind::kAuth);
    CHECK_THAT(result.error().message, Catch::Contains("530"));
    CHECK(server.Received().empty());
  }
}

TEST_CASE("mail smtp TLS: STARTTLS modes and smtps against a real certificate",
          "[mail][smtp][tls]") {
  SECTION("required, offered: encrypted, and AUTH happens inside TLS") {
    SmtpServerOptions options;
    options.tls = Tls::kStartTls;
    options.auth_user = "alerts";
    options.auth_password = "s3cret";
    SmtpServer server(options);
    auto settings = SmtpSettings(server.url(), config::StartTls::kRequired);
    settings.username = "alerts";
    settings.password = config::Secret{"s3cret", "test"};
    REQUIRE(Make(settings, server.ca_file())->Send(Message()));
    const auto received = server.Received();
    REQUIRE(received.size() == 1);
    CHECK(received[0].tls);
    CHECK(received[0].auth_login == "alerts");
  }
  SECTION("required, not offered: nothing is sent, transient") {
    SmtpServer server;
    const auto result =
        Make(SmtpSettings(server.url(), config::StartTls::kRequired))->Send(Message());
    CHECK(KindOf(result) == ErrorKind::kTransient);
    CHECK(server.Received().empty());
  }
  SECTION("required, certificate not trusted: nothing is sent, transient") {
    SmtpServerOptions options;
    options.tls = Tls::kStartTls;
    SmtpServer server(options);
    const auto result =
        Make(SmtpSettings(server.url(), config::StartTls::kRequired))->Send(Message());
    CHECK(KindOf(result) == ErrorKind::kTransient);
    CHECK(server.Received().empty());
  }
  SECTION("opportunistic uses STARTTLS when offered") {
    SmtpServerOptions options;
    options.tls = Tls::kStartTls;
    SmtpServer server(options);
    REQUIRE(Make(SmtpSettings(server.url(), config::StartTls::kOpportunistic), server.ca_file())
                ->Send(Message()));
    const auto received = server.Received();
    REQUIRE(received.size() == 1);
    CHECK(received[0].tls);
  }
  SECTION("opportunistic falls back to plain when not offered") {
    SmtpServer server;
    REQUIRE(Make(SmtpSettings(server.url(), config::StartTls::kOpportunistic))->Send(Message()));
    const auto received = server.Received();
    REQUIRE(received.size() == 1);
    CHECK_FALSE(received[0].tls);
  }
  SECTION("none stays plain even when STARTTLS is offered") {
    SmtpServerOptions options;
    options.tls = Tls::kStartTls;
    SmtpServer server(options);
    REQUIRE(Make(SmtpSettings(server.url(), config::StartTls::kNone), server.ca_file())
                ->Send(Message()));
    const auto received = server.Received();
    REQUIRE(received.size() == 1);
    CHECK_FALSE(received[0].tls);
  }
  SECTION("none against a server that insists on STARTTLS is refused (530): auth kind") {
    SmtpServerOptions options;
    options.tls = Tls::kStartTlsRequired;
    SmtpServer server(options);
    const auto result =
        Make(SmtpSettings(server.url(), config::StartTls::kNone), server.ca_file())
            ->Send(Message());
    CHECK(KindOf(result) == ErrorKind::kAuth);
    CHECK(server.Received().empty());
  }
  SECTION("smtps:// is TLS from the first byte, whatever starttls says") {
    SmtpServerOptions options;
    options.tls = Tls::kImplicit;
    SmtpServer server(options);
    REQUIRE(server.url().starts_with("smtps://"));
    REQUIRE(Make(SmtpSettings(server.url(), config::StartTls::kNone), server.ca_file())
                ->Send(Message()));
    const auto received = server.Received();
    REQUIRE(received.size() == 1);
    CHECK(received[0].tls);
  }
}

TEST_CASE("mail smtp failure classification", "[mail][smtp]") {
  auto kind = [](SmtpFailure f, long code) { return ClassifySmtpFailure(f, code, "m").kind; };
  // Reply codes decide.
  CHECK(kind(SmtpFailure::kConnect, 421) == ErrorKind::kTransient);  // service closing
  CHECK(kind(SmtpFailure::kConnect, 450) == ErrorKind::kTransient);  // mailbox busy, greylisting
  CHECK(kind(SmtpFailure::kConnect, 451) == ErrorKind::kTransient);
  CHECK(kind(SmtpFailure::kConnect, 452) == ErrorKind::kTransient);  // storage
  CHECK(kind(SmtpFailure::kLoginDenied, 454) == ErrorKind::kTransient);  // temporary auth failure
  CHECK(kind(SmtpFailure::kConnect, 550) == ErrorKind::kPermanent);
  CHECK(kind(SmtpFailure::kConnect, 551) == ErrorKind::kPermanent);
  CHECK(kind(SmtpFailure::kConnect, 552) == ErrorKind::kPermanent);
  CHECK(kind(SmtpFailure::kConnect, 553) == ErrorKind::kPermanent);
  CHECK(kind(SmtpFailure::kOther, 554) == ErrorKind::kPermanent);
  CHECK(kind(SmtpFailure::kConnect, 530) == ErrorKind::kAuth);
  CHECK(kind(SmtpFailure::kConnect, 534) == ErrorKind::kAuth);
  CHECK(kind(SmtpFailure::kLoginDenied, 535) == ErrorKind::kAuth);
  CHECK(kind(SmtpFailure::kConnect, 538) == ErrorKind::kAuth);
  // No failure code: the kind of failure decides.
  CHECK(kind(SmtpFailure::kLoginDenied, 0) == ErrorKind::kAuth);
  CHECK(kind(SmtpFailure::kConnect, 0) == ErrorKind::kTransient);
  CHECK(kind(SmtpFailure::kTimeout, 0) == ErrorKind::kTransient);
  CHECK(kind(SmtpFailure::kTls, 0) == ErrorKind::kTransient);
  CHECK(kind(SmtpFailure::kTls, 250) == ErrorKind::kTransient);  // STARTTLS not in EHLO reply
  CHECK(kind(SmtpFailure::kConnect, 354) == ErrorKind::kTransient);  // cut off during DATA
  CHECK(kind(SmtpFailure::kOther, 0) == ErrorKind::kTransient);
  CHECK(ClassifySmtpFailure(SmtpFailure::kConnect, 550, "kept").message == "kept");
}

TEST_CASE("mail MakeMailTransport checks the settings it can", "[mail][smtp]") {
  auto kind = [](const config::MailSettings& s) {
    auto r = MakeMailTransport(s, nullptr);
    REQUIRE_FALSE(r);
    return r.error().kind;
  };
  auto s = SmtpSettings("smtp://127.0.0.1:2525");
  s.from = "not an address";
  CHECK(kind(s) == ErrorKind::kInvalidInput);
  s = SmtpSettings("http://127.0.0.1:2525");
  CHECK(kind(s) == ErrorKind::kInvalidInput);
  s = SmtpSettings("smtp://");
  CHECK(kind(s) == ErrorKind::kInvalidInput);
  s = SmtpSettings("smtp://user:pass@127.0.0.1:2525");
  CHECK(kind(s) == ErrorKind::kInvalidInput);
  s = SmtpSettings("smtp://127.0.0.1:2525\r\nX: y");
  CHECK(kind(s) == ErrorKind::kInvalidInput);
  s = SmtpSettings("smtp://127.0.0.1:2525");
  s.username = "alerts";
  CHECK(kind(s) == ErrorKind::kInvalidInput);  // no password
  s = SmtpSettings("smtp://127.0.0.1:2525");
  s.timeout = 0s;
  CHECK(kind(s) == ErrorKind::kInvalidInput);

  CHECK(MakeMailTransport(SmtpSettings("SMTPS://mail.example.org:465"), nullptr));
  CHECK(MakeMailTransport(SmtpSettings("smtp://mail.example.org:587/casterton.example.sch.uk"),
                          nullptr));

  // A bad recipient is refused before any connection is made.
  auto transport = Make(SmtpSettings("smtp://127.0.0.1:1"));
  OutgoingMessage m = Message();
  m.to.address = "victim@example.com>\r\nRCPT TO:<other@example.com";
  CHECK(KindOf(transport->Send(m)) == ErrorKind::kInvalidInput);
  m = Message("not-a-message-id");
  CHECK(KindOf(transport->Send(m)) == ErrorKind::kInvalidInput);
}

}  // namespace schoolmod::mail
