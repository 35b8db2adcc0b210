#include "integration_support.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "schoolmod/connectors/http_client.h"

namespace schoolmod::testing {

std::string ReplayJsonl(const std::vector<ReplayLine>& lines) {
  std::string out;
  for (const auto& l : lines) {
    nlohmann::json j = {{"id", l.id},           {"post_id", "post-1"},
                        {"author_id", "a-" + l.id}, {"author_name", "Parent " + l.id},
                        {"text", l.text},       {"created_at", l.created_at}};
    if (!l.parent_id.empty()) j["parent_id"] = l.parent_id;
    if (l.own) j["own"] = true;
    out += j.dump() + "\n";
  }
  return out;
}

DaemonFixture::DaemonFixture() : port_(FreeLoopbackPort()) {
  mail_keys_ = fmt::format("transport = \"file\"\ndirectory = \"{}\"\n", mail_dir());
  dir_.Write("schoolmod.toml", ConfigText());
  WriteReplay({});
}

std::string DaemonFixture::ConfigText(const std::string& extra_account) const {
  return fmt::format(R"([daemon]
database = "{db}"
listen = "127.0.0.1:{port}"
public_url = "http://127.0.0.1:{port}"

[mail]
{mail}from = "Alerts <alerts@test.example.sch.uk>"

{sections}

[[school]]
id = "testschool"
name = "Test Primary"
escalation = ["head@test.example.sch.uk"]
safeguarding = ["dsl@test.example.sch.uk"]
{school}

[[school.account]]
id = "test-replay"
platform = "replay"
path = "{replay}"
actions_log = "{actions}"
poll_interval = "1s"
administrators = [
  {{ name = "Ann Admin", email = "ann@test.example.sch.uk" }},
  {{ name = "Bob Admin", email = "bob@test.example.sch.uk" }},
]
{extra}
)",
                     fmt::arg("db", database_path()), fmt::arg("port", port_),
                     fmt::arg("mail", mail_keys_), fmt::arg("sections", extra_sections_),
                     fmt::arg("school", school_keys_), fmt::arg("replay", replay_path()),
                     fmt::arg("actions", actions_log()), fmt::arg("extra", extra_account_ + extra_account));
}

void DaemonFixture::SetMail(const std::string& mail_keys) {
  mail_keys_ = mail_keys;
  dir_.Write("schoolmod.toml", ConfigText());
}

void DaemonFixture::SetExtraSections(const std::string& sections) {
  extra_sections_ = sections;
  dir_.Write("schoolmod.toml", ConfigText());
}

void DaemonFixture::SetExtraAccount(const std::string& account) {
  extra_account_ = account;
  dir_.Write("schoolmod.toml", ConfigText());
}

void DaemonFixture::SetSchoolKeys(const std::string& school_keys) {
  school_keys_ = school_keys;
  dir_.Write("schoolmod.toml", ConfigText());
}

void DaemonFixture::UseFastClock(const std::string& reminders) {
  SetSchoolKeys(
      "working_days = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\"]\n"
      "working_hours = \"00:00-24:00\"\nbank_holidays = \"none\"\n");
  SetExtraSections("[sla]\nmode = \"calendar\"\nresponse_hours = 1\nreminders = " + reminders +
                   "\n");
}

void DaemonFixture::WriteReplay(const std::vector<ReplayLine>& lines) const {
  dir_.Write("comments.jsonl", ReplayJsonl(lines));
}

void DaemonFixture::AppendReplay(const std::vector<ReplayLine>& lines) const {
  std::ofstream out(replay_path(), std::ios::app);
  out << ReplayJsonl(lines);
}

std::unique_ptr<ChildProcess> DaemonFixture::StartDaemon() {
  // A port found free a moment ago can be taken by another test's process before the daemon
  // binds it; then the daemon exits saying it cannot listen, and we move it to another port.
  for (int attempt = 0;; ++attempt) {
    std::size_t log_before = Log().size();
    auto child = std::make_unique<ChildProcess>(
        std::vector<std::string>{SCHOOLMODD_PATH, "--config", config_path(), "--log-level",
                                 "debug"},
        log_path());
    WaitFor([&] { return !child->running() || Get("/healthz").has_value(); },
            std::chrono::seconds(30));
    bool port_taken = !child->running() &&
                      Log().find("cannot listen on", log_before) != std::string::npos;
    if (!port_taken || attempt == 4) return child;
    MoveToPort(FreeLoopbackPort());
  }
}

void DaemonFixture::MoveToPort(int port) {
  std::string config = ReadFile(config_path());
  std::string from = fmt::format("127.0.0.1:{}", port_);
  std::string to = fmt::format("127.0.0.1:{}", port);
  for (auto at = config.find(from); at != std::string::npos; at = config.find(from, at)) {
    config.replace(at, from.size(), to);
    at += to.size();
  }
  dir_.Write("schoolmod.toml", config);
  port_ = port;
}

std::optional<std::pair<int, std::string>> DaemonFixture::Get(const std::string& path) const {
  static auto client = connectors::MakeCurlHttpClient({}, nullptr);
  connectors::HttpRequest request;
  request.url = fmt::format("http://127.0.0.1:{}{}", port_, path);
  auto response = client->Send(request);
  if (!response) return std::nullopt;
  return std::make_pair(response->status, response->body);
}

int DaemonFixture::Ctl(const std::vector<std::string>& args, std::string* output) const {
  std::vector<std::string> argv = {SCHOOLMODCTL_PATH, "--config", config_path()};
  argv.insert(argv.end(), args.begin(), args.end());
  std::string log = dir_.file("ctl-output.txt");
  std::filesystem::remove(log);
  ChildProcess ctl(argv, log);
  int code = ctl.Wait(std::chrono::seconds(60));
  if (output != nullptr) *output = ReadFile(log);
  return code;
}

std::vector<storage::ItemSummary> DaemonFixture::Items() const {
  auto db = storage::Database::Open(database_path());
  if (!db) return {};
  storage::ItemFilter filter;
  filter.state = storage::ItemFilter::State::kAll;
  filter.limit = 1000;
  auto items = (*db)->ListItems(filter);
  return items ? *items : std::vector<storage::ItemSummary>{};
}

std::vector<std::string> DaemonFixture::ActionLines() const {
  std::vector<std::string> lines;
  std::istringstream in(ReadFile(actions_log()));
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

int DaemonFixture::MailCount() const {
  if (!std::filesystem::exists(mail_dir())) return 0;
  int n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(mail_dir())) {
    if (entry.path().extension() == ".eml") ++n;
  }
  return n;
}

std::string DaemonFixture::Log() const { return ReadFile(log_path()); }

}  // namespace schoolmod::testing
