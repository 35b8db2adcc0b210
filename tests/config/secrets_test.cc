#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include <catch2/catch.hpp>

#include "config_text.h"
#include "schoolmod/config/loader.h"
#include "support/temp_dir.h"

namespace schoolmod::config {
namespace {

namespace fs = std::filesystem;
using schoolmod::testing::TempDir;
using testing_text::AccountConfig;
using testing_text::kAdmins;

constexpr fs::perms kPrivate = fs::perms::owner_read | fs::perms::owner_write;
constexpr fs::perms kWorldReadable = kPrivate | fs::perms::group_read | fs::perms::others_read;

std::string Describe(const LoadResult& result) {
  std::string out;
  for (const auto& d : result.errors) out += "  " + d.ToString() + "\n";
  return out;
}

std::string FacebookAccount(const std::string& token_line) {
  return AccountConfig(
      "[[school.account]]\nid = \"fb\"\nplatform = \"facebook\"\n"
      "page_id = \"104861234567890\"\n" +
      token_line + "\n" + kAdmins);
}

const int kTokenLine = testing_text::kSchoolLines + 5;

// Restores $CREDENTIALS_DIRECTORY, which some tests set or clear.
class ScopedCredentialsEnv {
 public:
  explicit ScopedCredentialsEnv(const char* value) {
    if (const char* old = std::getenv("CREDENTIALS_DIRECTORY")) saved_ = old;
    if (value) {
      ::setenv("CREDENTIALS_DIRECTORY", value, 1);
    } else {
      ::unsetenv("CREDENTIALS_DIRECTORY");
    }
  }
  ~ScopedCredentialsEnv() {
    if (saved_) {
      ::setenv("CREDENTIALS_DIRECTORY", saved_->c_str(), 1);
    } else {
      ::unsetenv("CREDENTIALS_DIRECTORY");
    }
  }

 private:
  std::optional<std::string> saved_;
};

TEST_CASE("secrets are read from the credentials directory") {
  TempDir dir;
  dir.Write("credentials/fb-token", "EAABsbCS1iHgBA\n");
  dir.Write("credentials/smtp-password", "correct horse battery staple");
  LoadOptions options;
  options.credentials_directory = dir.file("credentials");
  std::string text =
      "[mail]\ntransport = \"smtp\"\nurl = \"smtp://smtp.example.sch.uk:587\"\n"
      "username = \"alerts@example.sch.uk\"\npassword_credential = \"smtp-password\"\n"
      "from = \"alerts@example.sch.uk\"\n" +
      testing_text::kSchool +
      "[[school.account]]\nid = \"fb\"\nplatform = \"facebook\"\npage_id = \"1048\"\n"
      "token_credential = \"fb-token\"\n" +
      kAdmins;
  LoadResult result = LoadFromString(text, "secrets.toml", options);
  INFO(Describe(result));
  REQUIRE(result.config.has_value());
  const Account& account = result.config->schools[0].accounts[0];
  const Secret* token = account.secret("token");
  REQUIRE(token != nullptr);
  CHECK(token->value == "EAABsbCS1iHgBA");  // trailing newline stripped
  CHECK(token->source == "credential fb-token");
  REQUIRE(result.config->mail.password.has_value());
  CHECK(result.config->mail.password->value == "correct horse battery staple");
}

TEST_CASE("$CREDENTIALS_DIRECTORY is used when the options name no directory") {
  TempDir dir;
  dir.Write("fb-token", "from-env\n");
  ScopedCredentialsEnv env(dir.path().c_str());
  LoadResult result =
      LoadFromString(FacebookAccount("token_credential = \"fb-token\""), "env.toml");
  INFO(Describe(result));
  REQUIRE(result.config.has_value());
  CHECK(result.config->schools[0].accounts[0].secret("token")->value == "from-env");
}

TEST_CASE("a credential without $CREDENTIALS_DIRECTORY is an error naming the key") {
  ScopedCredentialsEnv env(nullptr);
  LoadResult result = LoadFromString(FacebookAccount("token_credential = \"fb-token\""), "c.toml");
  INFO(Describe(result));
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].line == kTokenLine);
  CHECK(result.errors[0].key == "school[0].account[0].token_credential");
  CHECK_THAT(result.errors[0].reason,
             Catch::Contains("credential \"fb-token\" cannot be read: $CREDENTIALS_DIRECTORY is "
                             "not set"));
  CHECK_THAT(result.errors[0].reason, Catch::Contains("LoadCredential=fb-token"));
}

TEST_CASE("a missing credential file is an error naming the key and the file") {
  TempDir dir;
  LoadOptions options;
  options.credentials_directory = dir.path().string();
  LoadResult result =
      LoadFromString(FacebookAccount("token_credential = \"fb-token\""), "c.toml", options);
  INFO(Describe(result));
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].key == "school[0].account[0].token_credential");
  CHECK(result.errors[0].reason ==
        "credential \"fb-token\": " + dir.file("fb-token") + " does not exist");
}

TEST_CASE("a 0600 secret file is read") {
  TempDir dir;
  std::string path = dir.Write("fb-token", "EAAB-from-file\r\n", kPrivate);
  LoadResult result = LoadFromString(FacebookAccount("token_file = \"" + path + "\""), "f.toml");
  INFO(Describe(result));
  REQUIRE(result.config.has_value());
  const Secret* token = result.config->schools[0].accounts[0].secret("token");
  REQUIRE(token != nullptr);
  CHECK(token->value == "EAAB-from-file");
  CHECK(token->source == path);
}

TEST_CASE("a secret file readable by group or others is refused") {
  TempDir dir;
  std::string path = dir.Write("fb-token", "EAAB\n", kWorldReadable);
  LoadResult result = LoadFromString(FacebookAccount("token_file = \"" + path + "\""), "f.toml");
  INFO(Describe(result));
  REQUIRE(result.errors.size() == 1);
  CHECK_FALSE(result.config.has_value());
  CHECK(result.errors[0].line == kTokenLine);
  CHECK(result.errors[0].key == "school[0].account[0].token_file");
  CHECK_THAT(result.errors[0].reason,
             Catch::Contains(path + " is readable by group or others (mode 0644)"));
  CHECK_THAT(result.errors[0].reason, Catch::Contains("chmod 600 " + path));

  SECTION("group-readable alone is refused too") {
    fs::permissions(path, kPrivate | fs::perms::group_read);
    LoadResult again = LoadFromString(FacebookAccount("token_file = \"" + path + "\""), "f.toml");
    REQUIRE(again.errors.size() == 1);
    CHECK_THAT(again.errors[0].reason, Catch::Contains("(mode 0640)"));
  }
}

TEST_CASE("secret files that cannot be used are refused") {
  TempDir dir;
  SECTION("missing") {
    LoadResult result =
        LoadFromString(FacebookAccount("token_file = \"" + dir.file("nope") + "\""), "f.toml");
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].key == "school[0].account[0].token_file");
    CHECK(result.errors[0].reason == dir.file("nope") + " does not exist");
  }
  SECTION("empty") {
    std::string path = dir.Write("empty", "\n", kPrivate);
    LoadResult result = LoadFromString(FacebookAccount("token_file = \"" + path + "\""), "f.toml");
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].reason == path + " is empty");
  }
  SECTION("a directory") {
    fs::create_directory(dir.file("sub"));
    fs::permissions(dir.file("sub"), fs::perms::owner_all);
    LoadResult result =
        LoadFromString(FacebookAccount("token_file = \"" + dir.file("sub") + "\""), "f.toml");
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].reason == dir.file("sub") + " is not a regular file");
  }
}

TEST_CASE("read_secrets = false checks the secret keys but reads nothing") {
  ScopedCredentialsEnv env(nullptr);
  LoadOptions options;
  options.read_secrets = false;
  LoadResult result =
      LoadFromString(FacebookAccount("token_file = \"/nonexistent/fb-token\""), "f.toml", options);
  INFO(Describe(result));
  REQUIRE(result.config.has_value());
  CHECK(result.config->schools[0].accounts[0].secrets.empty());

  LoadResult both = LoadFromString(
      FacebookAccount("token_credential = \"fb\"\ntoken_file = \"/x\""), "f.toml", options);
  REQUIRE(both.errors.size() == 1);
  CHECK_THAT(both.errors[0].reason, Catch::Contains("not both"));
}

TEST_CASE("a secret written in the file is refused even when it could be read elsewhere") {
  TempDir dir;
  dir.Write("fb-token", "EAAB\n");
  LoadOptions options;
  options.credentials_directory = dir.path().string();
  LoadResult result = LoadFromString(
      FacebookAccount("token_credential = \"fb-token\"\ntoken = \"EAAB\""), "f.toml", options);
  INFO(Describe(result));
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].key == "school[0].account[0].token");
  CHECK_THAT(result.errors[0].reason,
             Catch::Contains("secrets never sit in the config file; put it in a credential "
                             "(token_credential = \"name\""));
}

}  // namespace
}  // namespace schoolmod::config
