#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "schoolmod/storage/database.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace schoolmod::testing {

// One replay comment line (DESIGN.md "Replay file lines").
struct ReplayLine {
  ReplayLine(std::string id_, std::string text_, std::string created_at_ = "-1h",
             std::string parent_id_ = "", bool own_ = false)
      : id(std::move(id_)),
        text(std::move(text_)),
        created_at(std::move(created_at_)),
        parent_id(std::move(parent_id_)),
        own(own_) {}

  std::string id;
  std::string text;
  std::string created_at = "-1h";  // offset from the daemon's start, or RFC 3339
  std::string parent_id;
  bool own = false;
};

std::string ReplayJsonl(const std::vector<ReplayLine>& lines);

// A temp directory with a config for one school and one replay account polled every second,
// file mail, and a free loopback port; and helpers to run the real programs on it.
class DaemonFixture {
 public:
  DaemonFixture();

  std::string config_path() const { return dir_.file("schoolmod.toml"); }
  std::string database_path() const { return dir_.file("schoolmod.db"); }
  std::string replay_path() const { return dir_.file("comments.jsonl"); }
  std::string actions_log() const { return dir_.file("actions.jsonl"); }
  std::string mail_dir() const { return dir_.file("mail"); }
  std::string log_path() const { return dir_.file("schoolmodd.log"); }
  int port() const { return port_; }
  const TempDir& dir() const { return dir_; }

  // The config text this fixture writes; `extra_account` adds a [[school.account]] block.
  std::string ConfigText(const std::string& extra_account = "") const;
  // Replace a part of the config and rewrite the file: the [mail] table's keys, extra top-level
  // tables (e.g. "[sla]\n..."), and keys added to the school (e.g. working_days).
  void SetMail(const std::string& mail_keys);
  void SetExtraSections(const std::string& sections);
  void SetSchoolKeys(const std::string& school_keys);
  // A second [[school.account]] block (full text, header included).
  void SetExtraAccount(const std::string& account);
  // Every day a working day, all day long, no holidays; with [sla] mode calendar, 1 h to respond
  // and reminders `reminders` after receipt: a clock that runs in seconds, for tests of emails.
  void UseFastClock(const std::string& reminders);
  void WriteReplay(const std::vector<ReplayLine>& lines) const;
  void AppendReplay(const std::vector<ReplayLine>& lines) const;

  // Starts schoolmodd and waits until /healthz answers 200 (or the daemon exits). If the port
  // was taken in the meantime, moves the config to another free port and tries again.
  std::unique_ptr<ChildProcess> StartDaemon();
  // GET http://127.0.0.1:port/path; nullopt when nothing answers.
  std::optional<std::pair<int, std::string>> Get(const std::string& path) const;

  // Runs schoolmodctl --config <config> args...; returns the exit code and fills `output` with
  // stdout and stderr.
  int Ctl(const std::vector<std::string>& args, std::string* output = nullptr) const;

  // Every queue item in the database (opened as a second process, as schoolmodctl does).
  std::vector<storage::ItemSummary> Items() const;
  // Lines of the actions log.
  std::vector<std::string> ActionLines() const;
  int MailCount() const;
  std::string Log() const;

 private:
  void MoveToPort(int port);

  TempDir dir_;
  int port_;
  std::string mail_keys_;
  std::string extra_sections_;
  std::string school_keys_;
  std::string extra_account_;
};

}  // namespace schoolmod::testing
