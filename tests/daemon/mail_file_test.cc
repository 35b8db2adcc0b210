#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "mail/transport.h"
#include "mail/transport_internal.h"
#include "schoolmod/config/config.h"
#include "support/smtp_server.h"
#include "support/temp_dir.h"

namespace schoolmod::mail {
namespace {

namespace fs = std::filesystem;

config::MailSettings FileSettings(const std::string& directory) {
  config::MailSettings s;
  s.transport = config::MailTransport::kFile;
  s.directory = directory;
  s.from = "School social media alerts <alerts@casterton.example.sch.uk>";
  return s;
}

std::unique_ptr<MailTransport> Make(const std::string& directory) {
  auto transport = MakeMailTransport(FileSettings(directory), nullptr);
  INFO((transport ? std::string() : transport.error().message));
  REQUIRE(transport);
  return std::move(transport).value();
}

OutgoingMessage Message(std::string message_id, std::string body = "Please respond.") {
  OutgoingMessage m;
  m.to = {"Tom Hill", "t.hill@casterton.example.sch.uk"};
  m.subject = "Breach: response overdue \xe2\x80\x94 Zo\xc3\xab";
  m.body = {BodyBlock::Paragraph(std::move(body)),
            BodyBlock::Quote("<b>rude</b>\r\nBcc: victim@example.com")};
  m.message_id = std::move(message_id);
  return m;
}

std::vector<fs::path> Entries(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("mail file transport writes one complete .eml per message", "[mail][file]") {
  testing::TempDir tmp;
  const std::string dir = tmp.file("var/demo/mail");  // created on demand, parents too
  auto transport = Make(dir);
  REQUIRE(fs::is_directory(dir));

  REQUIRE(transport->Send(Message("<notification-1@casterton.example.sch.uk>")));
  REQUIRE(transport->Send(Message("<notification-2@casterton.example.sch.uk>")));

  const auto entries = Entries(dir);
  REQUIRE(entries.size() == 2);  // no temporary files left behind
  CHECK(entries[0].filename() == "notification-1@casterton.example.sch.uk.eml");
  CHECK(entries[1].filename() == "notification-2@casterton.example.sch.uk.eml");

  // Only the owner may read it: it quotes comment text.
  struct stat st {};
  REQUIRE(stat(entries[0].c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);

  const auto parsed = testing::ParseMessageFile(entries[0].string());
  CHECK(parsed.defects.empty());
  CHECK(parsed.content_type == "multipart/alternative");
  CHECK(parsed.HeaderValues("Subject") ==
        std::vector<std::string>{"Breach: response overdue \xe2\x80\x94 Zo\xc3\xab"});
  CHECK(parsed.HeaderValues("Message-ID") ==
        std::vector<std::string>{"<notification-1@casterton.example.sch.uk>"});
  CHECK(parsed.HeaderValues("Bcc").empty());
  CHECK(parsed.addresses.at("To") ==
        std::vector<std::pair<std::string, std::string>>{
            {"Tom Hill", "t.hill@casterton.example.sch.uk"}});
  REQUIRE(parsed.FindPart("text/plain") != nullptr);
  REQUIRE(parsed.FindPart("text/html") != nullptr);
  CHECK(parsed.FindPart("text/plain")->content.find("> <b>rude</b>\n> Bcc: victim@example.com") !=
        std::string::npos);
  CHECK(parsed.FindPart("text/html")->content.find("&lt;b&gt;rude&lt;/b&gt;") !=
        std::string::npos);
}

TEST_CASE("mail file transport: a retry with the same Message-ID replaces the file",
          "[mail][file]") {
  testing::TempDir tmp;
  auto transport = Make(tmp.path().string());
  REQUIRE(transport->Send(Message("<outbox-9@casterton.example.sch.uk>", "first try")));
  REQUIRE(transport->Send(Message("<outbox-9@casterton.example.sch.uk>", "second try")));
  const auto entries = Entries(tmp.path());
  REQUIRE(entries.size() == 1);
  const auto parsed = testing::ParseMessageFile(entries[0].string());
  CHECK(parsed.FindPart("text/plain")->content.find("second try") != std::string::npos);
}

TEST_CASE("mail file transport: generated Message-IDs give distinct files", "[mail][file]") {
  testing::TempDir tmp;
  auto transport = Make(tmp.path().string());
  for (int i = 0; i < 5; ++i) REQUIRE(transport->Send(Message("")));
  const auto entries = Entries(tmp.path());
  CHECK(entries.size() == 5);
  for (const auto& e : entries) {
    CHECK(e.extension() == ".eml");
    CHECK(e.filename().string().ends_with("@casterton.example.sch.uk.eml"));
  }
}

TEST_CASE("mail file names come from the Message-ID, safe characters only", "[mail][file]") {
  using internal::EmlFileName;
  CHECK(EmlFileName("<abc.123@example.org>") == "abc.123@example.org.eml");
  // atext allows '/', '{', '|' ... in a Message-ID; none reaches the file system.
  const std::string slashed = EmlFileName("<../../etc/passwd@example.org>");
  CHECK(slashed.find('/') == std::string::npos);
  CHECK_FALSE(slashed.starts_with("."));
  CHECK(slashed.ends_with(".eml"));
  const std::string a = EmlFileName("<a/b@example.org>");
  const std::string b = EmlFileName("<a|b@example.org>");
  const std::string c = EmlFileName("<a_b@example.org>");
  CHECK(a != b);
  CHECK(a != c);
  CHECK(b != c);
  CHECK(c == "a_b@example.org.eml");
  CHECK(EmlFileName("<" + std::string(240, 'x') + "@example.org>").size() < 240);
}

TEST_CASE("mail file transport: a reader never sees a partial file", "[mail][file]") {
  testing::TempDir tmp;
  auto transport = Make(tmp.path().string());
  const std::string big(128 * 1024, 'x');
  std::atomic<bool> done{false};
  std::atomic<int> scans{0};
  std::atomic<int> files_read{0};
  std::vector<std::string> incomplete;  // written by the reader only until join()
  std::thread reader([&] {
    while (!done.load()) {
      std::error_code ec;
      for (const auto& e : fs::directory_iterator(tmp.path(), ec)) {
        if (e.path().extension() != ".eml") continue;
        const std::string content = testing::ReadFile(e.path().string());
        if (content.empty()) continue;  // replaced between listing and opening
        ++files_read;
        if (!content.ends_with("--\r\n")) incomplete.push_back(e.path().filename().string());
      }
      ++scans;
    }
  });
  // The reader is running before the first write, and the writer keeps replacing four files
  // until the reader has opened a good number of them mid-stream.
  while (scans.load() == 0) std::this_thread::yield();
  int sent = 0;
  while (sent < 16 || (files_read.load() < 20 && sent < 2000)) {
    REQUIRE(transport->Send(Message("<big-" + std::to_string(sent % 4) + "@example.org>", big)));
    ++sent;
  }
  done = true;
  reader.join();
  INFO("sent " << sent << ", complete files read while writing: " << files_read.load());
  CHECK(files_read.load() >= 20);
  CHECK(incomplete.empty());
  CHECK(Entries(tmp.path()).size() == 4);
}

TEST_CASE("mail file transport refuses a directory it cannot create", "[mail][file]") {
  testing::TempDir tmp;
  const std::string file = tmp.Write("not-a-dir", "x");
  auto r = MakeMailTransport(FileSettings(file + "/mail"), nullptr);
  REQUIRE_FALSE(r);
  CHECK(r.error().kind == ErrorKind::kInvalidInput);
  CHECK_THAT(r.error().message, Catch::Contains("mail.directory"));

  auto empty = MakeMailTransport(FileSettings(""), nullptr);
  REQUIRE_FALSE(empty);
  CHECK(empty.error().kind == ErrorKind::kInvalidInput);
}

TEST_CASE("mail file transport: the directory disappearing is survivable", "[mail][file]") {
  testing::TempDir tmp;
  const std::string dir = tmp.file("mail");
  auto transport = Make(dir);
  fs::remove_all(dir);
  REQUIRE(transport->Send(Message("<after-cleanup@example.org>")));
  CHECK(Entries(dir).size() == 1);
}

}  // namespace schoolmod::mail
