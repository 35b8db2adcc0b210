#include "classifier/vocabulary.h"

#include <array>
#include <utility>

namespace schoolmod::moderation::classifier {
namespace {

constexpr std::array<std::string_view, static_cast<int>(WordClass::kCount)> kClassNames = {
    "pron3",       "pron2",        "first_person", "first_singular", "staff",
    "title",       "child",        "parent",       "person",       "determiner",
    "copula",      "intensifier",  "negative_adj", "insult_noun",  "collective",
    "violent_verb", "future",      "question_word", "auxiliary",   "positive",
    "request_verb", "private_detail", "school",    "class_word",   "negation",
    "first_name",  "street_suffix", "body_part",   "property",     "family_adult",
    "abuse_verb",  "object",       "platform",     "contact_word", "subject",
    "bird",        "dog",          "food",         "farm",         "plant",
    "group_race",  "group_religion", "group_sexuality", "group_gender", "group_disability",
    "group_sex",   "group_age",    "group_nationality", "group_adjective", "education",
    "history",     "fiction",      "weather",      "water",        "stage",
    "costume",     "observance",
};

constexpr std::array<std::string_view, static_cast<int>(Signal::kCount)> kSignalNames = {
    "threat_veiled", "threat_event",  "threat_intent", "hate_exclusion", "hate_generalisation",
    "hate_statement", "hate_age",     "sexual_phrase", "sexual_weak",    "spam_strong",
    "spam_weak",     "spam_contact",  "self_harm",     "abuse",          "neglect",
    "grooming",      "secrecy",       "injury",        "child_speaker",  "danger",
    "staff_conduct", "stranger",      "concern",       "allegation",    "hearsay",
    "campaign",      "mockery",       "exposure",      "insult_idiom",  "insult_mild",
    "complaint",     "request",       "praise",        "sarcasm",       "harsh",
    "rhetorical",    "not_question",  "lives_at",      "birth_date",    "private_phrase",
    "account",       "imagery",       "undress",       "harm_word",     "sexual_harm_word",
    "neglect_word",  "distress_word", "danger_word",   "watch_word",    "adult_word",
    "negative_eval", "spam_money",    "spam_offer",    "spam_urgency",  "spam_account",
    "spam_romance",  "past_event",    "spam_advert",   "hedge",
    "aside",
};

constexpr std::array<std::pair<Characteristic, std::string_view>, 8> kCharacteristics = {{
    {Characteristic::kRace, "race"},
    {Characteristic::kReligion, "religion"},
    {Characteristic::kSexualOrientation, "sexuality"},
    {Characteristic::kGenderReassignment, "gender"},
    {Characteristic::kDisability, "disability"},
    {Characteristic::kSex, "sex"},
    {Characteristic::kAge, "age"},
    {Characteristic::kNationality, "nationality"},
}};

}  // namespace

std::optional<WordClass> ParseWordClass(std::string_view name) {
  for (std::size_t i = 0; i < kClassNames.size(); ++i) {
    if (kClassNames[i] == name) return static_cast<WordClass>(i);
  }
  return std::nullopt;
}

std::optional<Signal> ParseSignal(std::string_view name) {
  for (std::size_t i = 0; i < kSignalNames.size(); ++i) {
    if (kSignalNames[i] == name) return static_cast<Signal>(i);
  }
  return std::nullopt;
}

std::string_view ToString(WordClass c) { return kClassNames[static_cast<int>(c)]; }
std::string_view ToString(Signal s) { return kSignalNames[static_cast<int>(s)]; }

std::optional<Characteristic> ParseCharacteristic(std::string_view name) {
  for (const auto& [c, n] : kCharacteristics) {
    if (n == name) return c;
  }
  return std::nullopt;
}

std::string_view Describe(Characteristic c) {
  switch (c) {
    case Characteristic::kRace: return "race";
    case Characteristic::kReligion: return "religion or belief";
    case Characteristic::kSexualOrientation: return "sexual orientation";
    case Characteristic::kGenderReassignment: return "gender reassignment";
    case Characteristic::kDisability: return "disability";
    case Characteristic::kSex: return "sex";
    case Characteristic::kAge: return "age";
    case Characteristic::kNationality: return "nationality";
    case Characteristic::kNone: break;
  }
  return "a protected characteristic";
}

Characteristic CharacteristicOfGroupBits(std::uint64_t classes) {
  constexpr std::pair<WordClass, Characteristic> kMap[] = {
      {WordClass::kGroupRace, Characteristic::kRace},
      {WordClass::kGroupReligion, Characteristic::kReligion},
      {WordClass::kGroupSexuality, Characteristic::kSexualOrientation},
      {WordClass::kGroupGender, Characteristic::kGenderReassignment},
      {WordClass::kGroupDisability, Characteristic::kDisability},
      {WordClass::kGroupSex, Characteristic::kSex},
      {WordClass::kGroupAge, Characteristic::kAge},
      {WordClass::kGroupNationality, Characteristic::kNationality},
  };
  for (const auto& [cls, characteristic] : kMap) {
    if (classes & Bit(cls)) return characteristic;
  }
  return Characteristic::kNone;
}

}  // namespace schoolmod::moderation::classifier
