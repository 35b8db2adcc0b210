#include "ctl_classify.h"

#include <array>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <istream>
#include <memory>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "ctl_commands.h"
#include "schoolmod/config/config.h"
#include "schoolmod/config/loader.h"
#include "schoolmod/moderation/classifier.h"

namespace schoolmod::daemon {
namespace {

using moderation::Category;
using moderation::Classifier;
using moderation::Verdict;
using moderation::VerdictKind;
// Keys in the order of the contract in DESIGN.md, not alphabetical.
using Json = nlohmann::ordered_json;

std::unique_ptr<Classifier> BuildClassifier(const config::ModerationSettings* settings,
                                            std::ostream& err) {
  if (!settings) return moderation::MakeClassifier();
  auto classifier = moderation::MakeClassifier(*settings);
  if (!classifier) {
    err << "schoolmodctl: " << classifier.error().message << "\n";
    return nullptr;
  }
  return std::move(*classifier);
}

bool IsBlank(const std::string& line) {
  return line.find_first_not_of(" \t\r") == std::string::npos;
}

// One JSON Lines record, or the reason it is not one.
struct Record {
  Json json;
  std::string error;
};

Record ParseRecord(const std::string& line) {
  Record r;
  r.json = Json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (r.json.is_discarded()) {
    r.error = "not valid JSON";
  } else if (!r.json.is_object()) {
    r.error = "expected a JSON object";
  } else if (!r.json.contains("text") || !r.json["text"].is_string()) {
    r.error = "missing string field \"text\"";
  } else if (r.json.contains("prior_removals") && !r.json["prior_removals"].is_number_integer()) {
    r.error = "\"prior_removals\" must be an integer";
  }
  return r;
}

std::string Fixed(double value, int digits = 3) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(digits) << value;
  return s.str();
}

double Ratio(int num, int den) { return den == 0 ? 0.0 : static_cast<double>(num) / den; }

double F1(double p, double r) { return p + r == 0 ? 0.0 : 2 * p * r / (p + r); }

struct Counts {
  int tp = 0, fp = 0, fn = 0;
  double precision() const { return Ratio(tp, tp + fp); }
  double recall() const { return Ratio(tp, tp + fn); }
  double f1() const { return F1(precision(), recall()); }
  void Add(bool predicted, bool expected) {
    if (predicted && expected) ++tp;
    if (predicted && !expected) ++fp;
    if (!predicted && expected) ++fn;
  }
};

std::string CategoriesText(const std::vector<Category>& categories) {
  std::string out;
  for (Category c : categories) {
    if (!out.empty()) out += ",";
    out += moderation::ToString(c);
  }
  return out;
}

constexpr std::string_view kDefaultConfig = "/etc/schoolmod/schoolmod.toml";

// The word lists to use: the config's, or none (built-in only) when no config was asked for and
// the default file is absent. Returns false (after printing why) if the config is unusable.
bool LoadSettings(std::string path, const std::vector<std::string>& args,
                  std::optional<config::ModerationSettings>& settings, std::ostream& err) {
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == "--config") path = args[i + 1];
  }
  if (path == kDefaultConfig && !std::filesystem::exists(path)) return true;
  config::LoadOptions options;
  options.read_secrets = false;  // the word lists need no tokens or passwords
  config::LoadResult loaded = config::Load(path, options);
  if (!loaded.config) {
    for (const config::Diagnostic& d : loaded.errors) err << d.ToString() << "\n";
    if (loaded.errors.empty()) err << "schoolmodctl: cannot load " << path << "\n";
    return false;
  }
  settings = loaded.config->moderation;
  return true;
}

}  // namespace

int RunClassifyCommand(const CtlContext& ctx) {
  std::optional<config::ModerationSettings> settings;
  if (!LoadSettings(ctx.config_path, ctx.args, settings, ctx.err)) return 2;
  return RunClassify(ctx.in, ctx.out, ctx.err, settings ? &*settings : nullptr);
}

int RunEvalCommand(const CtlContext& ctx) {
  std::optional<config::ModerationSettings> settings;
  if (!LoadSettings(ctx.config_path, ctx.args, settings, ctx.err)) return 2;
  EvalOptions options;
  std::string file;
  for (std::size_t i = 0; i < ctx.args.size(); ++i) {
    const std::string& a = ctx.args[i];
    if (a == "--misses") {
      options.list_misses = true;
    } else if (a == "--config") {
      ++i;
    } else if (file.empty() && a.rfind("--", 0) != 0) {
      file = a;
    } else {
      ctx.err << "usage: schoolmodctl eval FILE [--misses]\n";
      return 2;
    }
  }
  if (file.empty()) {
    ctx.err << "usage: schoolmodctl eval FILE [--misses]\n";
    return 2;
  }
  return RunEval(file, ctx.out, ctx.err, settings ? &*settings : nullptr, options);
}

std::string VerdictToJson(const std::string& id_json, const Verdict& v) {
  Json j;
  j["id"] = Json::parse(id_json, nullptr, false);
  if (j["id"].is_discarded()) j["id"] = nullptr;
  j["verdict"] = moderation::ToString(v.verdict);
  j["categories"] = Json::array();
  for (Category c : v.categories) j["categories"].push_back(moderation::ToString(c));
  j["severity"] = v.severity;
  j["needs_response"] = v.needs_response;
  j["safeguarding"] = v.safeguarding;
  j["personal_data"] = v.personal_data;
  j["actions"] = Json::array();
  for (auto a : v.actions) j["actions"].push_back(moderation::ToString(a));
  j["reasons"] = Json::array();
  for (const auto& r : v.reasons) {
    j["reasons"].push_back({{"category", moderation::ToString(r.category)},
                            {"rule", r.rule},
                            {"span", {r.begin, r.end}},
                            {"explanation", r.explanation}});
  }
  // Comment text is hostile input: invalid UTF-8 in an id is replaced, never thrown on.
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

namespace {

// Comments handed to ClassifyBatch at once: plenty for the engine's batching, little memory.
constexpr std::size_t kClassifyBatch = 256;

// Input lines waiting for their batch to be classified; printed in input order.
class PendingLines {
 public:
  PendingLines(const Classifier& classifier, std::ostream& out)
      : classifier_(classifier), out_(out) {}

  // A malformed line: its error record is printed as it is.
  void AddError(std::string error_json) { lines_.push_back({std::move(error_json), {}, {}, {}}); }
  void AddComment(std::string id_json, std::string text, moderation::AuthorHistory history) {
    lines_.push_back({{}, std::move(id_json), std::move(text), history});
    if (++comments_ == kClassifyBatch) Flush();
  }
  // Classifies the waiting comments and prints every waiting line.
  void Flush() {
    texts_.clear();
    histories_.clear();
    for (const Line& l : lines_) {
      if (!l.error.empty()) continue;
      texts_.push_back(l.text);
      histories_.push_back(l.history);
    }
    verdicts_.resize(texts_.size());
    classifier_.ClassifyBatch(texts_, histories_, verdicts_);
    std::size_t k = 0;
    for (const Line& l : lines_) {
      if (!l.error.empty()) {
        out_ << l.error << "\n";
      } else {
        out_ << VerdictToJson(l.id, verdicts_[k++]) << "\n";
      }
    }
    lines_.clear();
    comments_ = 0;
  }

 private:
  struct Line {
    std::string error;  // set for a malformed line
    std::string id;     // the record's id as JSON
    std::string text;
    moderation::AuthorHistory history;
  };
  const Classifier& classifier_;
  std::ostream& out_;
  std::vector<Line> lines_;
  std::size_t comments_ = 0;
  // Reused from batch to batch.
  std::vector<std::string_view> texts_;
  std::vector<moderation::AuthorHistory> histories_;
  std::vector<Verdict> verdicts_;
};

}  // namespace

int RunClassify(std::istream& in, std::ostream& out, std::ostream& err,
                const config::ModerationSettings* settings) {
  auto classifier = BuildClassifier(settings, err);
  if (!classifier) return 2;
  PendingLines pending(*classifier, out);
  std::string line;
  long number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (IsBlank(line)) continue;
    Record record = ParseRecord(line);
    if (!record.error.empty()) {
      Json e;
      e["line"] = number;
      e["error"] = record.error;
      pending.AddError(e.dump());
      continue;
    }
    moderation::AuthorHistory history;
    if (record.json.contains("prior_removals")) {
      history.prior_removals = record.json["prior_removals"].get<int>();
    }
    std::string id = record.json.contains("id")
                         ? record.json["id"].dump(-1, ' ', false, Json::error_handler_t::replace)
                         : "null";
    pending.AddComment(std::move(id), std::move(record.json["text"].get_ref<std::string&>()),
                       history);
  }
  pending.Flush();
  return 0;
}

int RunEval(const std::string& path, std::ostream& out, std::ostream& err,
            const config::ModerationSettings* settings, const EvalOptions& options) {
  std::ifstream file(path);
  if (!file) {
    err << "schoolmodctl eval: cannot read " << path << "\n";
    return 2;
  }
  return RunEvalStream(file, path, out, err, settings, options);
}

int RunEvalStream(std::istream& in, const std::string& name, std::ostream& out,
                  std::ostream& err, const config::ModerationSettings* settings,
                  const EvalOptions& options) {
  auto classifier = BuildClassifier(settings, err);
  if (!classifier) return 2;

  int items = 0, malformed = 0;
  Counts remove, needs_response, safeguarding, personal_data;
  int ok_items = 0, ok_flagged = 0, ok_removed = 0, ok_reviewed = 0;
  int traps = 0, traps_flagged = 0;
  std::array<int, 14> expected_by_category{};
  std::array<int, 14> found_by_category{};
  std::array<std::array<int, 3>, 3> confusion{};  // [expected][predicted]

  std::string line;
  long number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (IsBlank(line)) continue;
    Record record = ParseRecord(line);
    const Json* expect = nullptr;
    std::optional<VerdictKind> expected_verdict;
    if (record.error.empty()) {
      if (!record.json.contains("expect") || !record.json["expect"].is_object()) {
        record.error = "missing object \"expect\"";
      } else {
        expect = &record.json["expect"];
        if (expect->contains("verdict") && (*expect)["verdict"].is_string()) {
          expected_verdict = moderation::ParseVerdictKind((*expect)["verdict"].get<std::string>());
        }
        if (!expected_verdict) record.error = "\"expect.verdict\" must be ok, review or remove";
      }
    }
    if (!record.error.empty()) {
      err << name << ":" << number << ": " << record.error << "\n";
      ++malformed;
      continue;
    }
    ++items;
    auto flag = [&](const char* key) {
      return expect->contains(key) && (*expect)[key].is_boolean() && (*expect)[key].get<bool>();
    };
    const std::string& text = record.json["text"].get_ref<const std::string&>();
    const Verdict v = classifier->Classify(text);
    const bool trap = record.json.contains("trap") && record.json["trap"].is_boolean() &&
                      record.json["trap"].get<bool>();

    remove.Add(v.verdict == VerdictKind::kRemove, *expected_verdict == VerdictKind::kRemove);
    needs_response.Add(v.needs_response, flag("needs_response"));
    safeguarding.Add(v.safeguarding, flag("safeguarding"));
    personal_data.Add(v.personal_data, flag("personal_data"));
    confusion[static_cast<int>(*expected_verdict)][static_cast<int>(v.verdict)]++;
    if (*expected_verdict == VerdictKind::kOk) {
      ++ok_items;
      if (v.verdict != VerdictKind::kOk) ++ok_flagged;
      if (v.verdict == VerdictKind::kRemove) ++ok_removed;
      if (v.verdict == VerdictKind::kReview) ++ok_reviewed;
    }
    if (trap) {
      ++traps;
      if (v.verdict != VerdictKind::kOk) ++traps_flagged;
    }
    std::vector<Category> expected_categories;
    if (expect->contains("categories") && (*expect)["categories"].is_array()) {
      for (const auto& c : (*expect)["categories"]) {
        if (!c.is_string()) continue;
        if (auto category = moderation::ParseCategory(c.get<std::string>())) {
          expected_categories.push_back(*category);
          expected_by_category[static_cast<int>(*category)]++;
          if (moderation::HasCategory(v, *category)) found_by_category[static_cast<int>(*category)]++;
        }
      }
    }
    if (options.list_misses) {
      const bool miss = v.verdict != *expected_verdict ||
                        v.needs_response != flag("needs_response") ||
                        v.safeguarding != flag("safeguarding") ||
                        v.personal_data != flag("personal_data");
      if (miss) {
        const std::string id = record.json.contains("id") ? record.json["id"].dump() : "null";
        out << "miss " << id << (trap ? " trap" : "") << ": expected "
            << moderation::ToString(*expected_verdict) << " [" << CategoriesText(expected_categories)
            << "]" << (flag("needs_response") ? " N" : "") << (flag("safeguarding") ? " S" : "")
            << (flag("personal_data") ? " P" : "") << ", got " << moderation::ToString(v.verdict)
            << " [" << CategoriesText(v.categories) << "]" << (v.needs_response ? " N" : "")
            << (v.safeguarding ? " S" : "") << (v.personal_data ? " P" : "") << ": " << text
            << "\n";
      }
    }
  }

  out << "items: " << items << "\n";
  out << "remove: precision " << Fixed(remove.precision()) << " recall " << Fixed(remove.recall())
      << " f1 " << Fixed(remove.f1()) << " (tp " << remove.tp << ", fp " << remove.fp << ", fn "
      << remove.fn << ")\n";
  out << "false positives: expected ok " << ok_flagged << " of " << ok_items << " (remove "
      << ok_removed << ", review " << ok_reviewed << "); traps " << traps_flagged << " of " << traps
      << "\n";
  out << "verdicts (expected -> got ok/review/remove):";
  for (int e = 0; e < 3; ++e) {
    out << " " << moderation::ToString(static_cast<VerdictKind>(e)) << " " << confusion[e][0]
        << "/" << confusion[e][1] << "/" << confusion[e][2] << ";";
  }
  out << "\n";
  out << "recall by category:\n";
  for (int c = 0; c < 14; ++c) {
    if (expected_by_category[c] == 0) continue;
    out << "  " << moderation::ToString(static_cast<Category>(c)) << " "
        << Fixed(Ratio(found_by_category[c], expected_by_category[c])) << " ("
        << found_by_category[c] << "/" << expected_by_category[c] << ")\n";
  }
  out << "needs_response: precision " << Fixed(needs_response.precision()) << " recall "
      << Fixed(needs_response.recall()) << " f1 " << Fixed(needs_response.f1()) << "\n";
  out << "safeguarding: recall " << Fixed(safeguarding.recall()) << " ("
      << safeguarding.tp << "/" << safeguarding.tp + safeguarding.fn << ") precision "
      << Fixed(safeguarding.precision()) << "\n";
  out << "personal_data: recall " << Fixed(personal_data.recall()) << " ("
      << personal_data.tp << "/" << personal_data.tp + personal_data.fn << ") precision "
      << Fixed(personal_data.precision()) << "\n";
  if (malformed > 0) {
    err << name << ": " << malformed << " malformed line(s) skipped\n";
    return 1;
  }
  return 0;
}

}  // namespace schoolmod::daemon
