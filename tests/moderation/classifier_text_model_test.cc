#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "classifier/analysis.h"
#include "classifier/char_fold.h"
#include "classifier/detectors.h"
#include "classifier/embedded_data.h"
#include "classifier/normalizer.h"
#include "classifier/text_model.h"
#include "classifier_support.h"

// The learnt safeguarding model: its file format and errors, training, scoring, and what it adds
// to the rules through the classifier. Examples are written for these tests.
namespace schoolmod::moderation::testing {
namespace {

using classifier::FeatureNames;
using classifier::NormalizedText;
using classifier::TextModel;
using classifier::TrainingExample;
using classifier::TrainingOptions;

const classifier::CharFolder& Folder() {
  static const classifier::CharFolder folder =
      std::move(*classifier::CharFolder::Build(classifier::EmbeddedDataFile("homoglyphs.tsv"),
                                               classifier::EmbeddedDataFile("emoji.tsv")));
  return folder;
}

NormalizedText Norm(std::string_view text) {
  NormalizedText norm;
  classifier::Normalize(Folder(), text, norm);
  return norm;
}

std::vector<std::string> Names(std::string_view text) {
  std::vector<std::string> names;
  FeatureNames(Norm(text), names);
  return names;
}

TrainingExample Example(std::string_view text, bool positive) {
  return {Names(text), positive};
}

}  // namespace

TEST_CASE("text model features are folded words and adjacent pairs") {
  CHECK(Names("Mum's  BOYFRIEND, shouts!") ==
        std::vector<std::string>{"mum's", "mum's boyfriend", "boyfriend", "boyfriend shouts",
                                 "shouts"});
  // Lookalikes and digits fold as the matchers see them.
  CHECK(Names("Year 6 mеets") ==
        std::vector<std::string>{"year", "year 0", "0", "0 meets", "meets"});
  CHECK(Names("").empty());
}

TEST_CASE("text model files: scoring, and errors that name the line") {
  const auto model = TextModel::Parse("m.tsv",
                                      "# a comment\n"
                                      "@bias\t-1\n"
                                      "@threshold\t0.5\n"
                                      "cold\t0.75\n"
                                      "no coat\t1.25\n"
                                      "coat\t-0.25\n");
  REQUIRE(model.ok());
  CHECK(model->features() == 3);
  CHECK(model->threshold() == 0.5);
  SECTION("each feature counts once, however often it occurs") {
    CHECK(model->Evaluate(Norm("Warm day")).value == Approx(-1.0));
    CHECK(model->Evaluate(Norm("cold cold cold")).value == Approx(-0.25));
    const auto s = model->Evaluate(Norm("Sunny. He came in cold with no coat again"));
    CHECK(s.value == Approx(-1 + 0.75 + 1.25 - 0.25));
    CHECK(model->Fires(s));
    // The span is the sentence holding the heaviest feature ("no coat").
    CHECK(s.first_token == 1);
    CHECK(s.last_token == 8);
  }
  SECTION("words of eight letters or more, whose keys come from their text, not a packed word") {
    const auto long_words = TextModel::Parse("m.tsv",
                                             "@bias\t0\n@threshold\t1\n"
                                             "boyfriend\t0.5\n"
                                             "boyfriend's phone\t0.25\n"
                                             "mum's boyfriend's\t2\n");
    REQUIRE(long_words.ok());
    CHECK(long_words->Evaluate(Norm("Her BOYFRIEND")).value == Approx(0.5));
    CHECK(long_words->Evaluate(Norm("mum's boyfriend's phone")).value == Approx(2.25));
  }
  SECTION("errors") {
    auto error = [](std::string_view contents) {
      const auto m = TextModel::Parse("m.tsv", contents);
      REQUIRE_FALSE(m.ok());
      return m.error().message;
    };
    CHECK(error("@bias\t0\n@threshold\t0\nword\tlots\n") == "m.tsv:3: 'lots' is not a number");
    CHECK(error("@bias\t0\n@threshold\t0\na b c\t1\n") ==
          "m.tsv:3: a feature is one word or two words separated by one space");
    CHECK(error("@bias\t0\n@threshold\t0\nx\t1\n\nx\t2\n") == "m.tsv:5: feature 'x' is listed twice");
    CHECK(error("@bias\t0\nx\t1\n") == "m.tsv: a model needs @bias and @threshold lines");
    CHECK(error("x\n") == "m.tsv:1: expected a feature and a weight");
    CHECK(error("@bias\tnan\n") == "m.tsv:1: 'nan' is not a number");
  }
  SECTION("a file of comments only is an empty model that never fires") {
    const auto empty = TextModel::Parse("m.tsv", "# nothing learnt yet\n");
    REQUIRE(empty.ok());
    CHECK(empty->empty());
    CHECK_FALSE(empty->Fires(empty->Evaluate(Norm("anything at all"))));
  }
}

TEST_CASE("a model bank scores every model in one pass, each as it would alone") {
  auto cold = TextModel::Parse("cold.tsv", "@bias\t-1\n@threshold\t0.5\ncold\t0.75\nno coat\t1.25\n");
  auto hungry = TextModel::Parse("hungry.tsv",
                                 "@bias\t-2\n@threshold\t1\nhungry\t2.5\ncold\t-0.5\nagain\t0.25\n");
  REQUIRE(cold.ok());
  REQUIRE(hungry.ok());
  const classifier::ModelBank bank({*cold, *hungry});
  REQUIRE(bank.size() == 2);
  classifier::ModelBank::Scratch scratch;
  const char* texts[] = {"", "Warm day", "cold cold cold, hungry again and again",
                         "Sunny. He came in cold with no coat. Hungry too.", "no coat no coat"};
  // The same scratch throughout: what one comment marks as counted must not leak into the next.
  for (int round = 0; round < 2; ++round) {
    for (const char* text : texts) {
      INFO(text);
      const NormalizedText norm = Norm(text);
      TextModel::Score scores[classifier::ModelBank::kMaxModels];
      bank.Evaluate(norm, scratch, scores);
      const TextModel::Score alone[] = {cold->Evaluate(norm), hungry->Evaluate(norm)};
      for (int m = 0; m < 2; ++m) {
        CHECK(scores[m].value == alone[m].value);
        CHECK(scores[m].first_token == alone[m].first_token);
        CHECK(scores[m].last_token == alone[m].last_token);
      }
    }
  }
  TextModel::Score scores[classifier::ModelBank::kMaxModels];
  bank.Evaluate(Norm("cold cold cold, hungry again and again"), scratch, scores);
  CHECK(scores[0].value == Approx(-1 + 0.75));
  CHECK(scores[1].value == Approx(-2 + 2.5 - 0.5 + 0.25));
  // Each model's span is the sentence of its own heaviest feature.
  bank.Evaluate(Norm("Sunny. He came in cold with no coat. Hungry too."), scratch, scores);
  CHECK(scores[0].first_token == 1);
  CHECK(scores[0].last_token == 7);
  CHECK(scores[1].first_token == 8);
  CHECK(scores[1].last_token == 9);
}

TEST_CASE("text model training learns which words go with the label, the same way every time") {
  std::vector<TrainingExample> examples;
  for (int i = 0; i < 20; ++i) {
    examples.push_back(Example("he sleeps in the car most nights", true));
    examples.push_back(Example("nobody feeds her at the weekend", true));
    examples.push_back(Example("the car park is full at pick up", false));
    examples.push_back(Example("lovely weekend at the seaside", false));
    examples.push_back(Example("what time is the nativity", false));
  }
  examples.push_back(Example("a word seen once", true));
  const std::string text = classifier::TrainTextModel(examples, TrainingOptions{}, "# test\n");
  CHECK(text == classifier::TrainTextModel(examples, TrainingOptions{}, "# test\n"));
  CHECK(text.rfind("# test\n@bias\t", 0) == 0);
  // Seen in one example only: not learnt.
  CHECK(text.find("\nseen\t") == std::string::npos);
  const auto model = TextModel::Parse("trained.tsv", text);
  REQUIRE(model.ok());
  CHECK(model->Fires(model->Evaluate(Norm("He sleeps in the car"))));
  CHECK(model->Fires(model->Evaluate(Norm("Nobody feeds her"))));
  CHECK_FALSE(model->Fires(model->Evaluate(Norm("The car park at the seaside"))));
  CHECK_FALSE(model->Fires(model->Evaluate(Norm("What time is pick up"))));
}

// The built-in model, trained on the labelled sets in tests/moderation/data: disclosures told in
// words the cue lists do not have reach the DSL for review; everyday comments are untouched.
TEST_CASE("the safeguarding model sends unfamiliar disclosures to review, never removes") {
  for (const char* text : {
           "My lad has started sleeping in his school clothes and hides food in his room, his "
           "mum's new fella shouts at him every night",
           "Our little one keeps asking if she has to go back to her dad's at the weekend and "
           "cries in the car when we get near his street",
           "The boy two doors down is out on his bike till gone eleven most nights and says "
           "nobody minds where he is",
       }) {
    const Verdict v = Check(text);
    INFO(text << " -> " << Describe(v));
    CHECK(v.verdict == VerdictKind::kReview);
    CHECK(v.safeguarding);
    CHECK(v.needs_response);
    CHECK(HasRule(v, "safeguarding:model"));
    CHECK(HasAction(v, RecommendedAction::kEscalateDsl));
    REQUIRE_FALSE(v.reasons.empty());
    CHECK(v.reasons[0].explanation == "information about a child's safety or welfare");
  }
  for (const char* text : {
           "The new reading scheme books are lovely, my daughter read three last night",
           "Thank you for the first aid session, Year 5 loved learning the recovery position",
           "Grandad has been poorly so she may be quiet this week, thank you for looking after her",
       }) {
    const Verdict v = Check(text);
    INFO(text << " -> " << Describe(v));
    CHECK(v.verdict == VerdictKind::kOk);
    CHECK_FALSE(v.safeguarding);
  }
  // A child writing about their own home has disclosed it in public: hidden while the DSL acts.
  const Verdict own = Check(
      "im using my mums phone. can i come to breakfast club every day, i dont like being at ours "
      "in the mornings when her boyfriend is there");
  INFO(Describe(own));
  CHECK(own.verdict == VerdictKind::kRemove);
  CHECK(HasRule(own, "safeguarding:model"));
  CHECK(HasAction(own, RecommendedAction::kEscalateDsl));
  CHECK(HasAction(own, RecommendedAction::kPreserve));
  CHECK_FALSE(HasAction(own, RecommendedAction::kDelete));
  // A parent's threat against a teacher is about their child but is no risk to the child.
  const Verdict threat = Check("If that PE teacher grabs my lad's arm again he'll be picking his teeth up");
  INFO(Describe(threat));
  CHECK(HasCategory(threat, Category::kThreat));
  CHECK_FALSE(threat.safeguarding);
  // When a rule has already found the child at risk, the rule's reason stands alone.
  const Verdict ruled = Check("my stepdad hits me when mum is at work");
  CHECK(ruled.safeguarding);
  CHECK_FALSE(HasRule(ruled, "safeguarding:model"));
}

// A parent's threat against an adult is about their child but no risk to one; a threat whose own
// words bring in a child may be. Checked on the detector with a model that fires on "teacher".
TEST_CASE("the safeguarding model stands aside for a threat against an adult, not one about a child") {
  auto model = TextModel::Parse("m.tsv", "@bias\t0\n@threshold\t1\nteacher\t2\n");
  REQUIRE(model.ok());
  const classifier::ModelBank models({std::move(*model)});
  auto alerts = [&](bool threat, classifier::Target target, bool child_in_threat) {
    classifier::Analysis a;
    const std::string text = "that teacher shouts at my kid again he gets it";
    a.original = text;
    classifier::Normalize(Folder(), text, a.norm);
    REQUIRE(a.norm.tokens.size() == 10);
    if (child_in_threat) a.norm.tokens[5].classes |= classifier::Bit(classifier::WordClass::kChild);
    a.BeginDetect();
    if (threat) {
      classifier::Finding f;
      f.category = Category::kThreat;
      f.severity = 3;
      f.rule = "threat:intent";
      f.begin = 0;
      f.end = static_cast<std::uint32_t>(text.size());
      f.target = target;
      a.findings.push_back(f);
    }
    classifier::DetectSafeguardingByModel(models, 0, a);
    return a.Has(Category::kSafeguarding);
  };
  CHECK(alerts(false, classifier::Target::kNone, false));
  CHECK_FALSE(alerts(true, classifier::Target::kStaff, false));
  CHECK_FALSE(alerts(true, classifier::Target::kParent, false));
  CHECK(alerts(true, classifier::Target::kStaff, true));
  CHECK(alerts(true, classifier::Target::kPupil, false));
}

// Checked on the detectors with a model whose score is known: "problem" weighs `weight` and the
// group's name "newcomers" `name_weight`, against a threshold of 1. `group` says whether the
// comment names a group (as the lexicon's word classes would mark "newcomers" in the engine).
TEST_CASE("the hate model's finding removes only far past the threshold, and never a question") {
  auto severity = [](double weight, std::string_view text, bool query, bool group = true,
                     double name_weight = 0) {
    auto model = TextModel::Parse("m.tsv", "@bias\t0\n@threshold\t1\nproblem\t" +
                                               std::to_string(weight) + "\nnewcomers\t" +
                                               std::to_string(name_weight) + "\n");
    REQUIRE(model.ok());
    const classifier::ModelBank models({std::move(*model)});
    classifier::Analysis a;
    a.original = text;
    classifier::Normalize(Folder(), text, a.norm);
    a.BeginDetect();
    if (group) {
      // "newcomers", the second word, marked as the lexicon would mark a group's name.
      const std::uint64_t bit = classifier::Bit(classifier::WordClass::kGroupNationality);
      a.norm.tokens[1].classes |= bit;
      a.classes = bit;
    }
    classifier::DetectHateByModel(models, 0, a);
    if (query) {
      classifier::Finding f;
      f.category = Category::kQuery;
      f.rule = "response:question";
      a.findings.push_back(f);
    }
    classifier::ConfirmHateByModel(models, 0, a);
    int found = -1;
    for (const classifier::Finding& f : a.findings) {
      if (f.category == Category::kHate) found = f.severity;
    }
    return found;
  };
  const std::string_view text = "The newcomers on the estate are the problem";
  CHECK(severity(0.5, text, false) == -1);  // below the threshold: no finding
  CHECK(severity(2.5, text, false) == 1);   // past it, but not by the margin: review
  CHECK(severity(3.5, text, false) == 2);   // far past: removed
  CHECK(severity(3.5, text, true) == 1);    // a question to the school stays with a person
  // With no group in view the model must be sure before anyone looks at all.
  CHECK(severity(2.5, text, false, false) == -1);
  CHECK(severity(3.5, text, false, false) == 2);
  // A group's name weighs nothing towards firing: the rest of the comment must pass the threshold.
  CHECK(severity(0, text, false, true, 3.5) == -1);
  CHECK(severity(0.5, text, false, true, 3.5) == -1);
  // Once the rest does, how far past the threshold counts the name too.
  CHECK(severity(1.5, text, false, true, 2.0) == 2);
  // The same word not marked as a group's name is a word like any other.
  CHECK(severity(0, text, false, false, 3.5) == 2);
}

TEST_CASE("the hate model sends discrimination without the rules' words to review") {
  // Put as a question, the model's finding stays with a person however sure it is.
  const Verdict v = Check("Why do they let these people near our kids now?");
  INFO(Describe(v));
  CHECK(v.verdict == VerdictKind::kReview);
  CHECK(HasCategory(v, Category::kHate));
  CHECK(HasRule(v, "hate:model"));
  // Review only: no blocking or reporting the author on the model's word alone.
  CHECK_FALSE(HasAction(v, RecommendedAction::kBlock));
  CHECK_FALSE(HasAction(v, RecommendedAction::kReport));
  for (const char* text : {
           "Proud of our pupils for the Black History Month assembly, the poems about Windrush "
           "were moving",
           "Refugee Week display in the hall is wonderful, well done to everyone who helped",
           "Our son is autistic and the new sensory room has made such a difference, thank you",
           "Eid Mubarak to all our families celebrating this week",
       }) {
    const Verdict ok = Check(text);
    INFO(text << " -> " << Describe(ok));
    CHECK(ok.verdict == VerdictKind::kOk);
    CHECK_FALSE(HasCategory(ok, Category::kHate));
  }
}

TEST_CASE("the built-in hate model removes resentment of a group it is sure of, unless asked") {
  const Verdict sure = Check(
      "Ever since the foreign families came our kids get held back while the staff help them "
      "catch up with English");
  INFO(Describe(sure));
  CHECK(sure.verdict == VerdictKind::kRemove);
  CHECK(HasRule(sure, "hate:model"));
  CHECK_FALSE(sure.needs_response);
  const Verdict asked =
      Check("Why do our kids get held back so the foreign ones can catch up with English?");
  INFO(Describe(asked));
  CHECK(asked.verdict == VerdictKind::kReview);
  CHECK(HasRule(asked, "hate:model"));
}

}  // namespace schoolmod::moderation::testing
