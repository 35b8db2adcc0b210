#include <filesystem>
#include <string>

#include <catch2/catch.hpp>

#include "schoolmod/config/loader.h"
#include "schoolmod/config/platform_keys.h"
#include "support/temp_dir.h"

namespace schoolmod::config {
namespace {

using schoolmod::testing::ReadFile;
using schoolmod::testing::TempDir;

const std::string kExample = std::string(SCHOOLMOD_SOURCE_DIR) + "/config/schoolmod.example.toml";
const std::string kDemo = std::string(SCHOOLMOD_SOURCE_DIR) + "/config/demo.toml";

std::string Describe(const LoadResult& result) {
  std::string out;
  for (const auto& d : result.errors) out += "  " + d.ToString() + "\n";
  return out;
}

TEST_CASE("the example config validates") {
  LoadOptions options;
  options.read_secrets = false;  // its secrets live on a school's server, not here
  LoadResult result = Load(kExample, options);
  INFO(Describe(result));
  REQUIRE(result.config.has_value());
  const Config& config = *result.config;
  CHECK(config.path == kExample);
  CHECK(config.mail.transport == MailTransport::kSmtp);
  REQUIRE(config.schools.size() == 1);
  const School& school = config.schools[0];
  CHECK(school.id == "casterton");
  CHECK(school.holidays.size() == 7);
  CHECK(school.accounts.size() == 4);
  for (const auto& account : school.accounts) {
    INFO(account.id);
    CHECK(account.administrators.size() >= 2);
  }
  CHECK(config.moderation.extra_terms.size() == 2);
}

TEST_CASE("the example config reads its credentials when they are there") {
  TempDir dir;
  for (const char* name :
       {"smtp-password", "casterton-facebook-token", "casterton-youtube-refresh-token",
        "youtube-client-id", "youtube-client-secret", "casterton-x-token",
        "casterton-x-refresh-token", "x-client-id"}) {
    dir.Write(std::string("credentials/") + name, std::string("secret-of-") + name + "\n");
  }
  LoadOptions options;
  options.credentials_directory = dir.file("credentials");
  LoadResult result = Load(kExample, options);
  // The one token_file in the example points at /etc, which a test cannot create: that must be
  // the only complaint, and it must name the file.
  INFO(Describe(result));
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].key == "school[0].account[1].token_file");
  CHECK_THAT(result.errors[0].reason,
             Catch::Contains("/etc/schoolmod/credentials/casterton-instagram-token"));
}

TEST_CASE("the example config shows every platform key") {
  const std::string text = ReadFile(kExample);
  REQUIRE_FALSE(text.empty());
  for (const auto& spec : Platforms()) {
    CHECK_THAT(text, Catch::Contains("platform = \"" + std::string(spec.platform) + "\""));
    for (const auto& key : spec.keys) {
      std::string name(key.name);
      if (key.kind == KeyKind::kSecret) name += "_";  // token_credential or token_file
      INFO(spec.platform << " " << key.name);
      CHECK_THAT(text, Catch::Contains(name));
    }
  }
  for (const auto& key : CommonAccountKeys())
    CHECK_THAT(text, Catch::Contains(std::string(key.name)));
}

TEST_CASE("the demo config validates and needs no secrets") {
  TempDir empty_credentials;
  LoadOptions options;
  options.credentials_directory = empty_credentials.path().string();
  LoadResult result = Load(kDemo, options);
  INFO(Describe(result));
  REQUIRE(result.config.has_value());
  const Config& config = *result.config;
  CHECK(config.daemon.database == "var/demo/schoolmod.db");
  CHECK(config.daemon.listen == "127.0.0.1:8440");
  CHECK(config.daemon.public_url == "http://127.0.0.1:8440");
  CHECK(config.mail.transport == MailTransport::kFile);
  CHECK(config.mail.directory == "var/demo/mail");
  CHECK(config.mail.from ==
        "Casterton Primary social media alerts <alerts@casterton.example.sch.uk>");
  REQUIRE(config.schools.size() == 1);
  const School& school = config.schools[0];
  CHECK(school.id == "casterton");
  CHECK(school.name == "Casterton Primary Academy");
  CHECK(school.timezone == "Europe/London");
  CHECK_FALSE(school.escalation.empty());
  CHECK_FALSE(school.safeguarding.empty());
  CHECK_FALSE(school.contact.empty());
  REQUIRE(school.accounts.size() == 1);
  const Account& account = school.accounts[0];
  CHECK(account.id == "casterton-facebook-demo");
  CHECK(account.platform == "replay");
  CHECK(account.setting("path") == "config/demo/comments.jsonl");
  CHECK(account.setting("actions_log") == "var/demo/actions.jsonl");
  CHECK(account.poll_interval == std::chrono::seconds(10));
  CHECK(account.administrators.size() == 2);
  CHECK(account.secrets.empty());
}

TEST_CASE("Load reports a file it cannot read") {
  LoadResult result = Load("/nonexistent/schoolmod.toml");
  REQUIRE(result.errors.size() == 1);
  CHECK_FALSE(result.config.has_value());
  CHECK(result.errors[0].ToString() ==
        "/nonexistent/schoolmod.toml: cannot read: No such file or directory");
}

TEST_CASE("Load names the file in syntax errors") {
  TempDir dir;
  std::string path = dir.Write("broken.toml", "[mail]\ntransport = \"file\"\nfrom = \n");
  LoadResult result = Load(path);
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].file == path);
  CHECK(result.errors[0].line == 3);
  CHECK(result.errors[0].key.empty());
}

}  // namespace
}  // namespace schoolmod::config
