#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

// The names the data files use for word classes (one bit per token) and phrase signals (cues
// with a weight that detectors combine). Kept in one place so a data file can only name things
// a detector reads, and an unknown name fails the build of the classifier, not silently.
namespace schoolmod::moderation::classifier {

// Word classes: a token carries the bit of every class one of its words belongs to (classes.tsv).
enum class WordClass : std::uint8_t {
  kPron3,           // he, she, they, him, her, them
  kPron2,           // you, u, ya, yous
  kFirstPerson,     // i, me, my, we, our
  kFirstSingular,   // i, me, my, i'm, i've, and the same in community languages (mnie, meu, mujhe)
  kStaff,           // teacher, head, deputy, senco, receptionist, office, governors...
  kTitle,           // mr, mrs, ms, miss, dr, sir
  kChild,           // kid, child, pupil, son, daughter, lad, girl...
  kParent,          // mum, dad, parent, carer...
  kPerson,          // man, woman, person, people, family, lot, everyone...
  kDeterminer,      // a, an, the, this, that, such, some
  kCopula,          // is, are, was, were, 's, 're
  kIntensifier,     // absolute, total, complete, utter, right, proper, so, really
  kNegativeAdj,     // useless, lazy, pathetic, incompetent, clueless...
  kInsultNoun,      // idiot, clown, joke, witch, cow, liar, bully, waste of space...
  kCollective,      // bunch, pair, load, pack, gang, shower
  kViolentVerb,     // kill, stab, smash, batter, punch, burn, knock out...
  kFuture,          // i'll, gonna, going to, will, we'll
  kQuestionWord,    // what, when, where, why, how, who, which
  kAuxiliary,       // is, are, do, does, can, could, will, would, should, has, did...
  kPositive,        // great, lovely, brilliant, fab, amazing, proud...
  kRequestVerb,     // sort, fix, reconsider, call, reply, let us know...
  kPrivateDetail,   // cancer, diabetes, adhd, rehab, prison, custody...
  kSchool,          // school, academy, trust, this place
  kClassWord,       // year, reception, class, form, set
  kNegation,        // not, never, no, don't, can't
  kFirstName,       // common first names (first_names.txt)
  kStreetSuffix,    // road, street, close, lane, avenue, way...
  kBodyPart,        // jaw, face, head, legs, teeth
  kProperty,        // window, car, house, tyres, school
  kFamilyAdult,     // mum, dad, stepdad, uncle, mum's boyfriend...: adults a child lives with
  kAbuseVerb,       // hits, touches, hurts, beats, grabbed, locks
  kObject,          // me, him, her, them, us: the one something is done to
  kPlatform,        // instagram, facebook, snapchat, tiktok, whatsapp
  kContactWord,     // number, mobile, phone, address, email
  kSubject,         // what can follow an auxiliary in a question: pronouns, determiners...
  kBird,            // context for "tit": blue tits in the nest box
  kDog,             // context for "bitch": a dog show
  kFood,            // context for "spotted dick", "faggots"
  kFarm,            // context for "cock": the farm trip
  kPlant,           // context for "pussy willow"
  kGroupRace,       // people by race or colour
  kGroupReligion,
  kGroupSexuality,
  kGroupGender,     // gender reassignment
  kGroupDisability,
  kGroupSex,        // women, girls, men
  kGroupAge,
  kGroupNationality,
  kGroupAdjective,  // a group word that needs a person noun after it: "black (kids)", "polish (parents)"
  kEducation,       // context for sex-education words: rse, pshe, lesson, online safety, consent
  kHistory,         // context for "bloody": tudors, battle, war, history; "slag": a blast furnace
  kFiction,         // a work that depicts things: play, story, poem, novel, film
  kWeather,         // heat and weather: "so hot today 🥵" is about the temperature
  kWater,           // floods and waterways: "the dyke has gone over" is an embankment
  kStage,           // a show on stage: panto, dame, nativity, rehearsal, fancy dress
  kCostume,         // what a costume is made of: dress, wig, frock, lipstick
  kObservance,      // a faith's festival, not its people: eid, diwali, nativity, easter
  kCount
};
static_assert(static_cast<int>(WordClass::kCount) <= 64, "classes are bits of a uint64");

constexpr std::uint64_t Bit(WordClass c) { return std::uint64_t{1} << static_cast<int>(c); }
inline constexpr std::uint64_t kAnyGroup =
    Bit(WordClass::kGroupRace) | Bit(WordClass::kGroupReligion) |
    Bit(WordClass::kGroupSexuality) | Bit(WordClass::kGroupGender) |
    Bit(WordClass::kGroupDisability) | Bit(WordClass::kGroupSex) | Bit(WordClass::kGroupAge) |
    Bit(WordClass::kGroupNationality);

// Phrase signals (signals.tsv): a cue a detector weighs; the phrase's weight says how strongly.
enum class Signal : std::uint8_t {
  kThreatVeiled,        // "watch your back", "see what happens", "i know where she lives"
  kThreatEvent,         // "there's going to be a bomb", "burn it down"
  kThreatIntent,        // "i'll be waiting", "you'll regret it"
  kHateExclusion,       // "shouldn't be allowed", "send them back", "don't belong"
  kHateGeneralisation,  // "are all", "bring crime", "causing all the trouble"
  kHateStatement,       // "this is a christian country", "go back to your own country"
  kHateAge,             // "too old to teach", "out to pasture"
  kSexualPhrase,        // "bend her over", "send nudes", "no strings fun"
  kSexualWeak,          // "nice legs", "in bed", "fancy", suggestive emoji
  kSpamStrong,          // "free iphone", "bitcoin", "link in bio", "verify your page"
  kSpamWeak,            // "limited time", "only 20 left", "earn"
  kSpamContact,         // "dm me", "message me", "contact him on whatsapp"
  kSelfHarm,            // "kill myself", "started cutting", "want to die"
  kAbuse,               // "touches me", "hits me", "beats her"
  kNeglect,             // "no food in the house", "left alone for hours"
  kGrooming,            // "send him pictures", "mature for my age", "wants to meet me"
  kSecrecy,             // "not to tell anyone", "made me promise"
  kInjury,              // "bruises", "marks on her arms", "burns on his hands"
  kChildSpeaker,        // "i'm in year 9", "my form tutor", "at lunch tomorrow"
  kDanger,              // "had a knife", "it's drugs", "take money off"
  kStaffConduct,        // "messaging him late at night", "delete the chats", "come to his house"
  kStranger,            // "a man in a van", "taking photos of the kids"
  kConcern,             // "a safeguarding concern", "pass something on about a child"
  kAllegation,          // "being investigated", "fiddling", "on purpose", "was seen drinking"
  kHearsay,             // "i've heard", "apparently", "everyone knows", "rumour"
  kCampaign,            // "should be sacked", "get rid of her", "resign", "let's get this trending"
  kMockery,             // "looks like", "smells like", "dresses like"
  kExposure,            // "if anyone wants a word", "tell him what you think", "pay up"
  kInsultIdiom,         // "thick as two short planks", "dead behind the eyes"
  kInsultMild,          // "couldn't organise a bake sale", "doesn't have a clue"
  kComplaint,           // "disappointed", "not good enough", "unfair", "still haven't"
  kRequest,             // "please can you", "could you", "i need someone to call me"
  kPraise,              // "well done", "thank you", "so proud", "brilliant"
  kSarcasm,             // "oh great", "thanks for nothing", "well done on being the only"
  kHarsh,               // "shambles", "pathetic", "sick to death", "fobbed off"
  kRhetorical,          // "who else", "anyone else", "is it just me"
  kNotQuestion,         // "can confirm", "can't wait", "can't believe"
  kLivesAt,             // "lives on", "lives at", "home address"
  kBirthDate,           // "dob", "date of birth"
  kPrivatePhrase,       // "in foster care", "lost custody", "in rehab", "head lice"
  kAccount,             // "her instagram is", "his facebook"
  kImagery,             // "a video of", "photos", "filmed", "all over snapchat"
  kUndress,             // "getting changed", "naked", "in the shower"
  // Concepts: single words grouped by meaning, combined by the detectors (a harm word with a
  // child and an adult, a money word with a contact word) so that new wordings still match.
  kHarmWord,            // hit, kicked, punched, dragged, hurt, strangled, bruised
  kSexualHarmWord,      // touches, in the bath, photos of me, lap, kissed, dating (an adult)
  kNeglectWord,         // hungry, no food, hasn't come home, alone, cold, dirty clothes
  kDistressWord,        // hate myself, want it to stop, worthless, can't cope
  kDangerWord,          // drugs, pills, knife, gang, dealing, vapes (to children)
  kWatchWord,           // watching, filming, following, loitering, through the fence
  kAdultWord,           // man, adult, older, 22 year old, stranger, boyfriend
  kNegativeEval,        // disgusting, ridiculous, wrong, a fad, no place, drag down
  kSpamMoney,           // earn, returns, profit, cash, investment, prices, £ a day
  kSpamOffer,           // free, giveaway, voucher, cheap, % off, for sale
  kSpamUrgency,         // now, today only, within 24 hours, limited
  kSpamAccount,         // will be deleted, suspended, verify, confirm your details
  kSpamRomance,         // loyal and honest woman, share my life, widow, friendship
  kPastEvent,           // "years ago", "when i was at school": what the writer tells is history
  kSpamAdvert,          // a trade offered locally: "£30 an hour", "tuition", "message me for slots"
  kHedge,               // "apparently", "i've heard", "word is": passed on, not stated as fact
  kAside,               // "just so everyone knows", "just an observation": a pointed aside
  kCount
};

std::optional<WordClass> ParseWordClass(std::string_view name);
std::optional<Signal> ParseSignal(std::string_view name);
std::string_view ToString(WordClass c);
std::string_view ToString(Signal s);

// Protected characteristics (policy 003 section E), for hate findings and their explanation.
enum class Characteristic : std::uint8_t {
  kNone, kRace, kReligion, kSexualOrientation, kGenderReassignment, kDisability, kSex, kAge,
  kNationality,
};
std::optional<Characteristic> ParseCharacteristic(std::string_view name);
// "race", "religion or belief", ... as the policy words it.
std::string_view Describe(Characteristic c);
Characteristic CharacteristicOfGroupBits(std::uint64_t classes);

}  // namespace schoolmod::moderation::classifier
