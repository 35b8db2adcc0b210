#include <algorithm>
#include <array>
#include <cassert>
#include <cstdlib>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "classifier/analysis.h"
#include "classifier/char_fold.h"
#include "classifier/detectors.h"
#include "classifier/lexicon.h"
#include "classifier/normalizer.h"
#include "classifier/tables.h"
#include "schoolmod/config/config.h"
#include "schoolmod/moderation/classifier.h"
#include "schoolmod/moderation/policy.h"

namespace schoolmod::moderation {
namespace {

using classifier::Analysis;
using classifier::Exposure;
using classifier::Finding;
using classifier::Target;

// Position in kCategoriesBySeriousness by category, looked up for every comparison when sorting findings.
constexpr std::array<int, 14> kRanks = [] {
  std::array<int, 14> ranks{};
  for (int r = 0; r < 14; ++r) ranks[static_cast<int>(kCategoriesBySeriousness[r])] = r;
  return ranks;
}();

int Rank(Category c) { return kRanks[static_cast<int>(c)]; }

// Categories that make a comment unacceptable in themselves: when one of them removes a
// comment, nobody expects a reply to it (safeguarding excepted).
bool IsAbuse(Category c) {
  return c == Category::kProfanity || c == Category::kInsult || c == Category::kHarassment ||
         c == Category::kHate || c == Category::kThreat || c == Category::kSexual ||
         c == Category::kSpam;
}

std::string_view About(Target t) {
  switch (t) {
    case Target::kStaff: return " about a member of staff";
    case Target::kPupil: return " about a pupil";
    case Target::kParent: return " about a parent";
    case Target::kPerson: return " about a person";
    case Target::kGroup:
    case Target::kSchool:
    case Target::kNone: break;
  }
  return "";
}

// An explanation as at most two pieces of static text: a reason's string is written from them
// in place, keeping its storage when a batch reuses the verdict.
struct Explanation {
  std::string_view head;
  std::string_view tail;
  Explanation(const char* text) : head(text) {}  // implicit: most cases return a literal
  Explanation(std::string_view h, std::string_view t) : head(h), tail(t) {}
  void WriteTo(std::string& out) const {
    out.reserve(head.size() + tail.size());
    out.assign(head);
    out.append(tail);
  }
};

// One short noun phrase per finding, written for the administrator and for the public
// explanation reply ("A comment containing ... was removed."). It never quotes the comment.
Explanation Explain(const Finding& f) {
  switch (f.category) {
    case Category::kProfanity:
      return "offensive language";
    case Category::kInsult:
      return {"abusive language", About(f.target)};
    case Category::kHarassment:
      return {"harassment", f.target == Target::kStaff    ? " of a member of staff"
                            : f.target == Target::kPupil  ? " of a pupil"
                            : f.target == Target::kParent ? " of a parent"
                                                          : " of a person"};
    case Category::kHate:
      return {"discriminatory language about ", classifier::Describe(f.characteristic)};
    case Category::kThreat:
      return f.target == Target::kStaff   ? "a threat against a member of staff"
             : f.target == Target::kPupil ? "a threat against a pupil"
                                          : "a threat of violence";
    case Category::kSexual:
      return "sexual content";
    case Category::kSpam:
      return f.severity < 2 ? "an advertisement" : "spam or a scam";
    case Category::kPersonalData:
      switch (f.exposure) {
        case Exposure::kPhone: return "personal information (a phone number)";
        case Exposure::kEmail: return "personal information (an email address)";
        case Exposure::kAddress: return "personal information (a home address)";
        case Exposure::kChildIdentity: return "personal information identifying a pupil";
        case Exposure::kPrivateDetail:
          return "private information (health, family or legal details) about a named person";
        case Exposure::kBirthDate: return "personal information (a date of birth)";
        case Exposure::kAccount: return "personal information (a private social media account)";
        case Exposure::kVehicle: return "personal information (a car registration)";
        case Exposure::kNone: return "personal information";
      }
      break;
    case Category::kSafeguarding:
      return "information about a child's safety or welfare";
    case Category::kDefamation:
      return {"an unproven allegation",
              f.target == Target::kStaff ? " about a member of staff" : " about a named person"};
    case Category::kComplaint:
      return "a complaint that needs a response";
    case Category::kQuery:
      return "a question or request for the school";
    case Category::kPraise:
      return "praise or thanks";
    case Category::kNeutral:
      return "nothing that needs action";
  }
  return "";
}

// How a lexicon word was disguised, for the administrator ("lexicon:profanity+masked").
constexpr std::pair<std::uint8_t, std::string_view> kDisguises[] = {
    {1, "+masked"}, {2, "+spaced"}, {4, "+leetspeak"}, {8, "+lookalike"}, {16, "+stretched"}};

// Whether `rule` is what WriteRuleName(f) writes, without building it.
bool IsRuleName(std::string_view rule, const Finding& f) {
  if (rule.substr(0, f.rule.size()) != f.rule) return false;
  rule.remove_prefix(f.rule.size());
  for (const auto& [bit, name] : kDisguises) {
    if (!(f.obfuscation & bit)) continue;
    if (rule.substr(0, name.size()) != name) return false;
    rule.remove_prefix(name.size());
  }
  return rule.empty();
}

// Writes the finding's rule id with its disguises ("lexicon:profanity+masked") into `rule`,
// keeping the string's storage.
void WriteRuleName(const Finding& f, std::string& rule) {
  std::size_t size = f.rule.size();
  for (const auto& [bit, name] : kDisguises) {
    if (f.obfuscation & bit) size += name.size();
  }
  rule.reserve(size);
  rule.assign(f.rule);
  for (const auto& [bit, name] : kDisguises) {
    if (f.obfuscation & bit) rule.append(name);
  }
}

// Most reasons a verdict carries; a megabyte of abuse does not need a million of them.
constexpr std::size_t kMaxReasons = 24;
// Reasons kept for reuse per thread (Assemble): as many as a few verdicts' worth.
constexpr std::size_t kMaxSpareReasons = 4 * kMaxReasons;
// Scratch space kept between comments: ample for any ordinary comment (platforms cap them at a
// few thousand characters); a longer one gets its buffers freed after classification.
constexpr std::size_t kKeepScratchUnits = 64 * 1024;
// Comments a batch takes through each stage together. Enough for a stage's code and tables to
// be reused while warm; few enough that the comments' own scratch space stays in cache too.
constexpr std::size_t kBatchGroup = 16;

class Engine final : public Classifier {
 public:
  Engine(classifier::CharFolder folder, classifier::Lexicon lexicon,
         classifier::TextModel safeguarding_model, classifier::TextModel hate_model)
      : folder_(std::move(folder)),
        lexicon_(std::move(lexicon)),
        models_({std::move(safeguarding_model), std::move(hate_model)}) {}

  Verdict Classify(std::string_view text, const AuthorHistory& history) const override {
    // Scratch buffers reused across calls on the same thread: classifying allocates little.
    thread_local Analysis a;
    Prepare(text, a);
    lexicon_.Annotate(a.norm, a.matches);
    Detect(a);
    Verdict verdict;
    Assemble(a, history, verdict);
    ReleaseIfLong(a);
    return verdict;
  }

  void ClassifyBatch(std::span<const std::string_view> texts,
                     std::span<const AuthorHistory> histories,
                     std::span<Verdict> verdicts) const override {
    assert(verdicts.size() == texts.size());
    assert(histories.empty() || histories.size() == texts.size());
    thread_local std::array<Analysis, kBatchGroup> group;
    const AuthorHistory none;
    for (std::size_t base = 0; base < texts.size(); base += kBatchGroup) {
      const std::size_t n = std::min(kBatchGroup, texts.size() - base);
      // A long comment's scratch space is many times its size: a group with one is taken a
      // comment at a time, so that several megabyte comments are never held at once.
      const bool long_text =
          std::any_of(texts.begin() + base, texts.begin() + base + n,
                      [](std::string_view t) { return t.size() > kKeepScratchUnits; });
      if (long_text) {
        for (std::size_t i = 0; i < n; ++i) {
          Prepare(texts[base + i], group[0]);
          lexicon_.Annotate(group[0].norm, group[0].matches);
          Detect(group[0]);
          Assemble(group[0], histories.empty() ? none : histories[base + i], verdicts[base + i]);
          ReleaseIfLong(group[0]);
        }
        continue;
      }
      for (std::size_t i = 0; i < n; ++i) Prepare(texts[base + i], group[i]);
      for (std::size_t i = 0; i < n; ++i) lexicon_.Annotate(group[i].norm, group[i].matches);
      for (std::size_t i = 0; i < n; ++i) Detect(group[i]);
      for (std::size_t i = 0; i < n; ++i) {
        Assemble(group[i], histories.empty() ? none : histories[base + i], verdicts[base + i]);
        ReleaseIfLong(group[i]);
      }
    }
  }

  std::string_view name() const override { return "schoolmod-1"; }

 private:
  void Prepare(std::string_view text, Analysis& a) const {
    a.Clear();
    a.original = text;
    classifier::Normalize(folder_, text, a.norm);
  }

  // A long comment's scratch space is not kept (kKeepScratchUnits): a batch holds several.
  static void ReleaseIfLong(Analysis& a) {
    if (a.original.size() > kKeepScratchUnits) {
      a = Analysis();
      return;
    }
    a.norm.ReleaseIfLarger(kKeepScratchUnits);
  }

  // The detectors, in the order detectors.h gives.
  void Detect(Analysis& a) const {
    a.BeginDetect();
    classifier::FindPeople(a);
    classifier::ScanContacts(a);
    classifier::DetectLexicon(lexicon_, a);
    classifier::DetectSpam(a);
    classifier::DetectPersonalData(a);
    classifier::DetectInsults(a);
    classifier::DetectHate(a);
    classifier::DetectHateByModel(models_, kHateModel, a);
    classifier::DetectThreats(a);
    classifier::DetectSexual(a);
    classifier::DetectSafeguarding(a);
    classifier::DetectSafeguardingByModel(models_, kSafeguardingModel, a);
    classifier::ExposeChildAtRisk(a);
    classifier::DetectDefamation(a);
    classifier::DetectResponse(a);
    classifier::ConfirmHateByModel(models_, kHateModel, a);
  }

  // Fills `v` from the findings, replacing what it held but keeping its storage.
  void Assemble(Analysis& a, const AuthorHistory& history, Verdict& v) const {
    // A pupil congratulated by name and class ("well done to Cumar Warsame in 10F for reaching
    // the final") is celebrated, not exposed; beside anything but praise, or a diagnosis ("so
    // proud of our Freddie Marsden in 3B ... with his autism and ADHD"), the name still counts.
    bool praised = false, besides_praise = a.any(classifier::WordClass::kPrivateDetail);
    for (const Finding& f : a.findings) {
      praised = praised || f.category == Category::kPraise;
      besides_praise = besides_praise || (f.category != Category::kPraise &&
                                          f.exposure != Exposure::kChildIdentity);
    }
    if (praised && !besides_praise) {
      std::erase_if(a.findings,
                    [](const Finding& f) { return f.exposure == Exposure::kChildIdentity; });
    }
    // A child named with their class is worth a look on its own, and must go with anything else
    // unacceptable beside it.
    bool other = false;
    for (const Finding& f : a.findings) {
      other = other || (f.severity >= 2 && f.category != Category::kPersonalData) ||
              f.category == Category::kSafeguarding || f.category == Category::kDefamation ||
              (f.category == Category::kPersonalData && f.exposure != Exposure::kChildIdentity);
    }
    for (Finding& f : a.findings) {
      if (f.exposure == Exposure::kChildIdentity && other) f.severity = 2;
    }

    std::array<int, 14> severity{};
    std::array<bool, 14> present{};
    for (const Finding& f : a.findings) {
      const int c = static_cast<int>(f.category);
      present[c] = true;
      severity[c] = std::max(severity[c], f.severity);
    }
    bool abusive = false;
    int worst = 0;
    for (int c = 0; c < 14; ++c) {
      if (!present[c]) continue;
      const auto category = static_cast<Category>(c);
      // An advertisement's question ("Any parents need a tutor?") is its pitch: spam of any
      // severity needs no reply.
      if (IsAbuse(category) && (severity[c] >= 2 || category == Category::kSpam)) abusive = true;
      if (category != Category::kComplaint) worst = std::max(worst, severity[c]);
    }
    const bool safeguarding = present[static_cast<int>(Category::kSafeguarding)];
    const bool asks = present[static_cast<int>(Category::kQuery)] ||
                      present[static_cast<int>(Category::kComplaint)];

    v.classifier.assign(name());
    v.reasons.reserve(std::min(a.findings.size(), kMaxReasons));
    v.categories.clear();
    v.categories.reserve(4);
    v.needs_response = safeguarding || (asks && !abusive);
    v.safeguarding = safeguarding;
    v.personal_data = present[static_cast<int>(Category::kPersonalData)];
    v.severity = std::min(worst, 4);
    PolicyDecision decision;
    decision.actions.swap(v.actions);  // its storage, reused
    ApplyPolicy(severity, v.needs_response, history, decision);
    v.verdict = decision.verdict;
    v.actions.swap(decision.actions);
    for (Category c : kCategoriesBySeriousness) {
      if (present[static_cast<int>(c)]) v.categories.push_back(c);
    }
    if (v.categories.empty()) v.categories.push_back(Category::kNeutral);

    // A total order (ties broken by span), so a plain sort is stable enough and allocates nothing.
    std::sort(a.findings.begin(), a.findings.end(), [](const Finding& x, const Finding& y) {
      if (Rank(x.category) != Rank(y.category)) return Rank(x.category) < Rank(y.category);
      if (x.severity != y.severity) return x.severity > y.severity;
      if (x.begin != y.begin) return x.begin < y.begin;
      if (x.end != y.end) return x.end < y.end;
      return x.rule < y.rule;
    });
    // Reasons dropped from earlier verdicts on this thread, their strings' storage kept: a batch
    // reusing verdicts then writes reasons without allocating.
    thread_local std::vector<Reason> spare;
    std::size_t reasons = 0;  // reasons written; v.reasons may hold older ones past these
    for (const Finding& f : a.findings) {
      if (reasons >= kMaxReasons) break;
      const bool duplicate =
          std::any_of(v.reasons.begin(), v.reasons.begin() + reasons, [&](const Reason& r) {
            return r.category == f.category && r.begin == f.begin && r.end == f.end &&
                   IsRuleName(r.rule, f);
          });
      if (duplicate) continue;
      if (reasons == v.reasons.size()) {
        if (spare.empty()) {
          v.reasons.emplace_back();
        } else {
          v.reasons.push_back(std::move(spare.back()));
          spare.pop_back();
        }
      }
      Reason& r = v.reasons[reasons++];
      r.category = f.category;
      WriteRuleName(f, r.rule);
      r.begin = f.begin;
      r.end = f.end;
      Explain(f).WriteTo(r.explanation);
    }
    // Reasons a reused verdict no longer needs keep their strings' storage for the next.
    while (v.reasons.size() > reasons) {
      if (spare.size() < kMaxSpareReasons) spare.push_back(std::move(v.reasons.back()));
      v.reasons.pop_back();
    }
  }

  classifier::CharFolder folder_;
  classifier::Lexicon lexicon_;
  // The learnt models, scored together: models_.model(kSafeguardingModel), (kHateModel).
  static constexpr std::size_t kSafeguardingModel = 0;
  static constexpr std::size_t kHateModel = 1;
  classifier::ModelBank models_;
};

}  // namespace

void Classifier::ClassifyBatch(std::span<const std::string_view> texts,
                               std::span<const AuthorHistory> histories,
                               std::span<Verdict> verdicts) const {
  assert(verdicts.size() == texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    verdicts[i] = Classify(texts[i], histories.empty() ? AuthorHistory{} : histories[i]);
  }
}

Result<std::unique_ptr<Classifier>> MakeClassifier(const config::ModerationSettings& settings) {
  // The built-in word lists were built when the service was; only a school's own terms need
  // building now. Bytes that do not load (a damaged build) are built afresh instead.
  std::optional<classifier::Tables> tables;
  if (classifier::UsesBuiltInWordLists(settings)) {
    tables = classifier::LoadTables(classifier::EmbeddedSnapshot());
  }
  if (!tables) {
    auto built = classifier::BuildTables(settings);
    if (!built) return built.error();
    tables.emplace(std::move(*built));
  }
  return std::unique_ptr<Classifier>(std::make_unique<Engine>(
      std::move(tables->folder), std::move(tables->lexicon), std::move(tables->safeguarding_model),
      std::move(tables->hate_model)));
}

std::unique_ptr<Classifier> MakeClassifier() {
  auto classifier = MakeClassifier(config::ModerationSettings{});
  // The built-in data is compiled in and covered by tests; failing here is a build defect.
  assert(classifier.ok() && "built-in moderation data is invalid");
  if (!classifier) std::abort();
  return std::move(*classifier);
}

}  // namespace schoolmod::moderation
