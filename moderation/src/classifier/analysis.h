#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "classifier/lexicon.h"
#include "classifier/normalizer.h"
#include "classifier/text_model.h"
#include "classifier/vocabulary.h"
#include "schoolmod/moderation/verdict.h"

// What the detectors share while classifying one comment: the normalised text, the lexicon's
// matches, who the comment talks about, and the findings so far.
namespace schoolmod::moderation::classifier {

// `s` with its ASCII letters in lower case (hosts, hashtags: raw bytes, not normalised text).
inline std::string LowerCopy(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c | 0x20);
  }
  return out;
}

// Who a finding is about; picks the wording of the explanation.
enum class Target : std::uint8_t { kNone, kStaff, kPupil, kParent, kPerson, kGroup, kSchool };

// What kind of personal data was exposed, for the explanation.
enum class Exposure : std::uint8_t {
  kNone, kPhone, kEmail, kAddress, kChildIdentity, kPrivateDetail, kBirthDate, kAccount, kVehicle,
};

// One rule that fired. Category severities and the verdict are derived from these.
struct Finding {
  Category category = Category::kNeutral;
  int severity = 0;               // 0 (informational: praise, query) .. 4
  std::string_view rule;          // stable id, e.g. "threat:veiled"
  std::uint32_t begin = 0;        // byte span in the original text
  std::uint32_t end = 0;
  Target target = Target::kNone;
  Characteristic characteristic = Characteristic::kNone;
  Exposure exposure = Exposure::kNone;
  std::uint8_t obfuscation = 0;   // token flags of a lexicon hit: how the word was disguised
};

// A reference to a person, by token.
enum class PersonRef : std::uint8_t {
  kNone,
  kStaff,        // a role: the head, the PE teacher, the receptionist
  kNamedStaff,   // Mr/Mrs/Miss Name
  kChild,        // a child: kid, pupil, son, girl
  kNamedChild,   // first and last name of someone with a class or year, or a first name's kin
  kParent,       // mum, dad, parents
  kNamedPerson,  // first and last name
  kPerson,       // a pronoun or a general person noun
};

// A phone number, email address, link or postcode found in the original text.
struct RawSpan {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  int score = 0;      // links: how much like spam (shortener, lookalike domain)
  bool role = false;  // emails: an office or school address, not a person's
};

struct Analysis {
  std::string_view original;
  NormalizedText norm;
  Matches matches;
  std::vector<PersonRef> person;                    // per token
  Target target_all = Target::kNone;                // who the whole comment is about
  std::vector<Target> sentence_targets;             // who each sentence is about
  std::array<int, static_cast<int>(Signal::kCount)> signal_weight{};  // summed over the comment
  std::uint64_t classes = 0;                        // every token's classes, OR-ed
  std::vector<Finding> findings;
  std::vector<RawSpan> phones, emails, links, postcodes, plates;
  // The hits sorted by signal, then first token (IndexSignals), so WeightIn over a sentence is a
  // binary search, not a scan of every hit: a megabyte comment has tens of thousands of hits.
  std::vector<SignalHit> hits_by_signal;
  // Bit s: the comment has a hit of signal s. Most signals have none, and detectors ask about
  // them for every sentence or token. Valid once signals_indexed.
  std::uint64_t signals_present = 0;
  bool signals_indexed = false;
  void IndexSignals();
  int IndexedWeightIn(Signal s, std::size_t first, std::size_t last) const;
  const SignalHit* ScanFirstHit(Signal s) const;

  // Derived facts other detectors use.
  bool has_url = false;
  bool has_phone = false;
  // The tokens as the detectors see them (BeginDetect): the token list no longer changes once
  // the lexicon has annotated it, so the helpers below read its start and length from here
  // rather than recomputing the vector's size on every call.
  const Token* tokens = nullptr;
  std::size_t token_count = 0;
  // The learnt models' scores (text_model.h), computed by the first detector that needs one.
  std::array<TextModel::Score, ModelBank::kMaxModels> model_scores;
  bool model_scores_ready = false;
  ModelBank::Scratch model_scratch;
  const TextModel::Score& ModelScore(const ModelBank& bank, std::size_t model) {
    if (!model_scores_ready) {
      bank.Evaluate(norm, model_scratch, model_scores.data());
      model_scores_ready = true;
    }
    return model_scores[model];
  }
  void BeginDetect() {
    tokens = norm.tokens.data();
    token_count = norm.tokens.size();
  }

  bool spam = false;          // spam detector fired: phones and handles are the spammer's own
  bool named_child = false;   // a child identified by name
  bool child_with_class = false;  // a child's first name with their class ("Kian in Year 4")
  bool child_speaker = false; // written by a child about themselves

  void Clear() {
    norm.Clear();
    matches.Clear();
    person.clear();
    target_all = Target::kNone;
    sentence_targets.clear();
    signal_weight.fill(0);
    classes = 0;
    findings.clear();
    hits_by_signal.clear();
    signals_present = 0;
    signals_indexed = false;
    phones.clear();
    emails.clear();
    links.clear();
    postcodes.clear();
    plates.clear();
    has_url = has_phone = spam = named_child = child_with_class = child_speaker = false;
    tokens = nullptr;
    token_count = 0;
    model_scores_ready = false;
  }

  // --- Token helpers used by every detector. ---
  std::size_t size() const { return token_count; }
  const Token& tok(std::size_t i) const { return tokens[i]; }
  // The token as folded, repeats kept: "all", "little", "getting".
  std::string_view word(std::size_t i) const { return norm.PlainText(tokens[i]); }
  bool is(std::size_t i, WordClass c) const {
    return i < token_count && (tokens[i].classes & Bit(c)) != 0;
  }
  // Detectors ask this of every token, mostly with short literals: those compare packed keys
  // (WordKey), the rest length and first letter before the rest.
  bool is_word(std::size_t i, std::string_view w) const {
    if (i >= token_count) return false;
    if (w.size() < 8) return tokens[i].word_key == WordKey(w);
    const Token& t = tokens[i];
    if (t.plain_last - t.plain_first != w.size()) return false;
    const char* p = norm.plain.data() + t.plain_first;
    if (w.empty() || p[0] != w[0]) return w.empty();
    for (std::size_t k = 1; k < w.size(); ++k) {
      if (p[k] != w[k]) return false;
    }
    return true;
  }
  bool any(WordClass c) const { return (classes & Bit(c)) != 0; }
  // Nobody in particular: "someone", "anybody's", "a child", "some kid", "one lad". Warnings
  // ("someone's going to get hurt") use it; "he", "my son" or a name are somebody.
  bool IsIndefinitePerson(std::size_t i) const {
    if (is_word(i, "someone") || is_word(i, "somebody") || is_word(i, "anyone") ||
        is_word(i, "anybody") || is_word(i, "someones") || is_word(i, "somebodys")) {
      return true;
    }
    const std::string_view w = word(i);
    if (w == "someone's" || w == "somebody's" || w == "anyone's" || w == "anybody's") return true;
    return (is(i, WordClass::kChild) || is(i, WordClass::kPerson)) && i > 0 &&
           (is_word(i - 1, "a") || is_word(i - 1, "some") || is_word(i - 1, "one"));
  }
  int weight(Signal s) const { return signal_weight[static_cast<int>(s)]; }
  // Signal weight summed over hits touching tokens [first, last].
  int WeightIn(Signal s, std::size_t first, std::size_t last) const {
    if (!((signals_present >> static_cast<int>(s)) & 1)) return 0;
    return IndexedWeightIn(s, first, last);
  }
  // The first hit of `s`, or nullptr.
  const SignalHit* FirstHit(Signal s) const {
    if (signals_indexed && !((signals_present >> static_cast<int>(s)) & 1)) return nullptr;
    return ScanFirstHit(s);
  }
  const Sentence& sentence_of(std::size_t i) const { return norm.sentences[tok(i).sentence]; }
  bool IsPersonRef(std::size_t i) const { return i < person.size() && person[i] != PersonRef::kNone; }
  // The most specific person referred to in tokens [first, last], or kNone.
  Target TargetIn(std::size_t first, std::size_t last) const;
  PersonRef BestPersonIn(std::size_t first, std::size_t last) const;
  Target SentenceTarget(const Sentence& s) const {
    return sentence_targets[&s - norm.sentences.data()];
  }
  // Fills target_all and sentence_targets (after FindPeople).
  void ComputeTargets();
  // Byte span of tokens [first, last].
  std::pair<std::uint32_t, std::uint32_t> Span(std::size_t first, std::size_t last) const {
    return {tok(first).begin, tok(last).end};
  }

  void Add(Category c, int severity, std::string_view rule, std::size_t first_token,
           std::size_t last_token, Target target = Target::kNone) {
    auto [b, e] = Span(first_token, last_token);
    findings.push_back({c, severity, rule, b, e, target, Characteristic::kNone, Exposure::kNone, 0});
  }
  bool Has(Category c) const;
  int SeverityOf(Category c) const;
};

Target ToTarget(PersonRef r);

// The value of token `i` when it is a number of one or two digits, else -1.
int NumberValue(const Analysis& a, std::size_t i);
// Whether token `i` is a number of one or two digits, as written, from `low` to `high`.
bool IsNumberToken(const Analysis& a, std::size_t i, int low, int high);
// An age from `low` to `high` given for someone other than the writer: "he's 24", "hes like
// 22", "she's only 9", "he looks about 25", "aged 30", "a 19 year old". Not "he's 20 minutes
// late" or "she's 11 months".
bool AgeGiven(const Analysis& a, int low, int high);

}  // namespace schoolmod::moderation::classifier
