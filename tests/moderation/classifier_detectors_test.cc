#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include "classifier_support.h"
#include "schoolmod/moderation/policy.h"

// One rule family per test case, with examples written for these tests (not from the shared
// evaluation set): each obfuscation, each category, the innocent look-alikes that must stay up.
namespace schoolmod::moderation::testing {
namespace {

void ExpectRemoved(std::string_view text, Category category) {
  const Verdict v = Check(text);
  INFO(text << " -> " << Describe(v));
  CHECK(v.verdict == VerdictKind::kRemove);
  CHECK(HasCategory(v, category));
}

void ExpectReviewed(std::string_view text, Category category) {
  const Verdict v = Check(text);
  INFO(text << " -> " << Describe(v));
  CHECK(v.verdict == VerdictKind::kReview);
  CHECK(HasCategory(v, category));
}

// A comment that stays up and is answered.
void ExpectAnswered(std::string_view text) {
  const Verdict v = Check(text);
  INFO(text << " -> " << Describe(v));
  CHECK(v.verdict == VerdictKind::kOk);
  CHECK(v.needs_response);
}

// A complaint that stays up and is answered.
void ExpectAnsweredComplaint(std::string_view text) {
  ExpectAnswered(text);
  const Verdict v = Check(text);
  INFO(text << " -> " << Describe(v));
  CHECK(HasCategory(v, Category::kComplaint));
}

// A comment that reaches the Designated Safeguarding Lead.
void ExpectSafeguarding(std::string_view text) {
  const Verdict v = Check(text);
  INFO(text << " -> " << Describe(v));
  CHECK(v.safeguarding);
}

void ExpectOk(std::string_view text) {
  const Verdict v = Check(text);
  INFO(text << " -> " << Describe(v));
  CHECK(v.verdict == VerdictKind::kOk);
}

// A comment that stays up without alerting the Designated Safeguarding Lead.
void ExpectOkWithoutAlert(std::string_view text) {
  ExpectOk(text);
  const Verdict v = Check(text);
  INFO(text << " -> " << Describe(v));
  CHECK_FALSE(v.safeguarding);
}

// A comment the Designated Safeguarding Lead reads while it stays up until a person decides.
void ExpectReviewedBySafeguardingLead(std::string_view text) {
  const Verdict v = Check(text);
  INFO(text << " -> " << Describe(v));
  CHECK(v.safeguarding);
  CHECK(v.verdict == VerdictKind::kReview);
}

// The labelled items of a file in tests/moderation/data/, one JSON object a line.
std::vector<nlohmann::json> DataItems(const std::string& file) {
  std::ifstream in(std::string(SCHOOLMOD_MODERATION_TEST_DATA) + "/" + file);
  REQUIRE(in);
  std::vector<nlohmann::json> items;
  std::string line;
  while (std::getline(in, line)) items.push_back(nlohmann::json::parse(line));
  return items;
}

}  // namespace

TEST_CASE("masked words: one letter showing when the stars count the rest") {
  CHECK(Check("F*** the new phone policy").verdict == VerdictKind::kRemove);
  CHECK(Check("Motherf***ing snow day again").verdict == VerdictKind::kRemove);
  CHECK(Check("She got an A* in chemistry").verdict == VerdictKind::kOk);
  CHECK(Check("Plan B* is the back-up date").verdict == VerdictKind::kOk);
}

TEST_CASE("profanity in plain and disguised forms") {
  ExpectRemoved("What a fucking mess the car park is", Category::kProfanity);
  ExpectRemoved("Shite organisation again", Category::kProfanity);
  SECTION("masked") {
    const Verdict v = Check("f*ck the new timetable");
    CHECK(v.verdict == VerdictKind::kRemove);
    CHECK(HasRule(v, "lexicon:profanity+masked"));
    ExpectRemoved("Absolute f***ing joke", Category::kProfanity);
    ExpectRemoved("mother f*cker parked on the zigzags", Category::kProfanity);
  }
  SECTION("letters spelt out") {
    CHECK(HasRule(Check("S H I T dinners today"), "lexicon:profanity+spaced"));
    ExpectRemoved("b.o.l.l.o.c.k.s to that", Category::kProfanity);
  }
  SECTION("leetspeak") {
    CHECK(HasRule(Check("sh1t parking as usual"), "lexicon:profanity+leetspeak"));
    ExpectRemoved("what an a$$hole", Category::kProfanity);
  }
  SECTION("lookalike letters and invisible characters") {
    CHECK(HasRule(Check("this place is \xd1\x95hit"), "lexicon:profanity+lookalike"));  // Cyrillic dze
    ExpectRemoved("fu\xe2\x80\x8b" "ck off", Category::kProfanity);                       // ZWSP
  }
  SECTION("stretched letters") {
    CHECK(HasRule(Check("fuuuuuuck sake"), "lexicon:profanity+stretched"));
  }
  SECTION("emoji") { ExpectRemoved("\xf0\x9f\x96\x95 to the governors", Category::kProfanity); }
  SECTION("mild swearing goes to review") {
    ExpectReviewed("Bloody traffic at pick up again", Category::kProfanity);
    ExpectReviewed("Crap weather for the fun run", Category::kProfanity);
  }
}

TEST_CASE("UK insults and insults without swearing") {
  ExpectRemoved("The caretaker is a right tosser", Category::kInsult);
  ExpectRemoved("Some bellend has blocked the gate again", Category::kInsult);
  ExpectRemoved("Mr Norris is a complete pillock", Category::kInsult);
  ExpectRemoved("knobhead in the silver van", Category::kInsult);
  SECTION("aimed at a person without a swear word") {
    ExpectRemoved("Mrs Kirby is a useless, lazy excuse for a teacher", Category::kInsult);
    ExpectRemoved("The maths teachers are a bunch of clowns", Category::kInsult);
    ExpectRemoved("That receptionist is the rudest woman alive", Category::kInsult);
    ExpectRemoved("Mr Hale is as thick as two short planks", Category::kInsult);
  }
  SECTION("the same words about things are complaints, not insults") {
    const Verdict v = Check("The new homework app is useless and keeps crashing");
    INFO(Describe(v));
    CHECK_FALSE(HasCategory(v, Category::kInsult));
    CHECK(v.verdict != VerdictKind::kRemove);
  }
  SECTION("words that are insults only when aimed at someone") {
    ExpectOk("The kids loved the witch in the pantomime");
    ExpectRemoved("Mrs Pike is a nasty old witch", Category::kInsult);
    ExpectOk("Please check the dipstick on the minibus before the residential");
    ExpectOk("Tea, coffee and Hob Nobs in the hall after the assembly");
  }
  SECTION("more of the UK's slang, and dialect or Polish swearing") {
    for (const char* text :
         {"The new deputy is a scrote", "Which berk scheduled parents' evening on Eid?",
          "Mr Vance is a sleazebag", "Absolute twonk on the crossing this morning",
          "Our head of year is a total numbnuts", "that perv of a caretaker", "you absolute dipstick",
          "facking disgrace that school", "Jebani dyrektorzy w tej szkole"}) {
      const Verdict v = Check(text);
      INFO(text << " -> " << Describe(v));
      CHECK(v.verdict == VerdictKind::kRemove);
    }
  }
}

TEST_CASE("harassment: campaigns, mockery, abuse of parents and pupils, doxxing") {
  ExpectRemoved("Everyone email the head until Mr Tully is sacked", Category::kHarassment);
  ExpectRemoved("Nobody wants you here Mrs Vance, do us all a favour and quit",
                Category::kHarassment);
  ExpectRemoved("Mrs Boyd dresses like a charity shop mannequin \xf0\x9f\x98\x82",
                Category::kHarassment);
  ExpectRemoved("Finn's dad is a drunk idiot, keep your kids away from him", Category::kHarassment);
}

TEST_CASE("hate: slurs and discrimination without slurs") {
  ExpectRemoved("Too many pakis in Year 8 now", Category::kHate);
  ExpectRemoved("That teacher is a total poof", Category::kHate);
  ExpectRemoved("Romanian kids always steal from the cloakroom", Category::kHate);
  ExpectRemoved("Gay teachers shouldn't be allowed near young children", Category::kHate);
  ExpectRemoved("We're not in Pakistan, if they don't like our ways they can go home",
                Category::kHate);
  ExpectRemoved("Autistic kids should be kept out of normal classes", Category::kHate);
  SECTION("naming a group is not hate") {
    ExpectOk("Eid Mubarak to all our Muslim families");
    ExpectOk("Lovely to see the Polish parents running the cake stall");
    ExpectOk("The Year 5 trip to the Chinese New Year parade was brilliant");
  }
  SECTION("the explanation names the characteristic") {
    const Verdict v = Check("Gay teachers shouldn't be allowed near young children");
    bool found = false;
    for (const Reason& r : v.reasons) {
      found = found || r.explanation == "discriminatory language about sexual orientation";
    }
    CHECK(found);
  }
}

TEST_CASE("threats, veiled and explicit, and what is not a threat") {
  ExpectRemoved("Watch your back Mr Cole", Category::kThreat);
  ExpectRemoved("I know where the head lives. Think about it", Category::kThreat);
  ExpectRemoved("Ignore me again and see what happens, you've been warned", Category::kThreat);
  ExpectRemoved("I'm going to smash his car windows in", Category::kThreat);
  ExpectRemoved("Someone should burn this school to the ground", Category::kThreat);
  const Verdict v = Check("Touch my son again and I'll break your nose");
  CHECK(HasAction(v, RecommendedAction::kBlock));
  CHECK(HasAction(v, RecommendedAction::kReport));
  SECTION("sport and praise") {
    ExpectOk("Good luck tonight, go and smash it!");
    ExpectOk("We'll beat them next week, proud of the team");
    ExpectOk("The choir absolutely killed it at the concert");
  }
  SECTION("an activity called a disgrace is a complaint, not an insult of the people in it") {
    const Verdict v = Check("Fining families for term-time holidays is a disgrace");
    CHECK(v.verdict == VerdictKind::kOk);
    CHECK(v.needs_response);
    ExpectRemoved("Those parents are a disgrace", Category::kInsult);
  }
  SECTION("an accident waiting to happen is not a threat") {
    const Verdict v = Check("Someone's going to get knocked over at drop off, it's getting worse");
    CHECK_FALSE(HasCategory(v, Category::kThreat));
    CHECK(v.needs_response);
    ExpectRemoved("She'll get smacked if she shows her face again", Category::kThreat);
  }
  SECTION("a warning about danger is a complaint") {
    const Verdict w = Check("A child will get hurt on that crossing one day, please sort the lights out");
    CHECK_FALSE(HasCategory(w, Category::kThreat));
    CHECK(w.needs_response);
  }
}

TEST_CASE("sexual content") {
  ExpectRemoved("Check out my onlyfans, link in bio", Category::kSexual);
  ExpectRemoved("Miss Ray has great legs, I'd tap that", Category::kSexual);
  ExpectRemoved("horny mums near you, click my profile", Category::kSexual);
  const Verdict v = Check("Mr Bond looks well fit in his suit \xf0\x9f\x94\xa5\xf0\x9f\x94\xa5");
  CHECK(HasCategory(v, Category::kSexual));
  CHECK(HasCategory(v, Category::kHarassment));
  CHECK(HasAction(v, RecommendedAction::kReport));
}

TEST_CASE("spam and scams") {
  ExpectRemoved("Earn £400 a day trading crypto from home! DM me to start", Category::kSpam);
  ExpectRemoved("Your Page will be disabled within 24 hours. Verify your account at meta-page-help.live",
                Category::kSpam);
  ExpectRemoved("Free Asda voucher for every parent, claim here bit.ly/xyz123", Category::kSpam);
  ExpectRemoved("Follow for follow \xf0\x9f\x92\xaf #f4f #l4l", Category::kSpam);
  const Verdict v = Check("Win a free iPad! Claim now at prize-winner-uk.top");
  CHECK(HasAction(v, RecommendedAction::kDelete));
  CHECK_FALSE(HasAction(v, RecommendedAction::kHide));
  SECTION("a parent's own message is not spam") {
    const Verdict w = Check("Selling my son's old blazer, age 9-10, contact me if you want it");
    CHECK_FALSE(HasCategory(w, Category::kSpam));
    const Verdict links = Check("The term dates are on www.gov.uk if anyone needs them");
    CHECK_FALSE(HasCategory(links, Category::kSpam));
  }
}

TEST_CASE("personal data") {
  // Exposed and hidden.
  auto removed_as_personal = [](std::string_view text) {
    const Verdict v = Check(text);
    INFO(text);
    CHECK(v.personal_data);
    CHECK(v.verdict == VerdictKind::kRemove);
  };
  SECTION("phone numbers") {
    removed_as_personal("Text Mr Ogden on 07700 900321 and give him a piece of your mind");
    CHECK(Check("Call +44 7700 900123 for Mrs Ash").personal_data);
    CHECK_FALSE(Check("The trip cost went up from 2019 to 2024").personal_data);
  }
  SECTION("emails: a person's, not the school office's") {
    CHECK(Check("Her email is jane.doe@gmail.com if you want to complain").personal_data);
    CHECK_FALSE(Check("Send forms to office@oakfield.sch.uk please").personal_data);
  }
  SECTION("home addresses") {
    CHECK(Check("The new teacher lives at 22 Maple Road, AB1 2CD").personal_data);
    CHECK(Check("Mrs Lowe lives on Birch Lane near the shop").personal_data);
    CHECK_FALSE(Check("Crossing Station Road at pick up is dangerous").personal_data);
  }
  SECTION("a pupil's name with class and health details") {
    removed_as_personal("Sophie Turner in Year 3 has epilepsy, watch her at the party");
    CHECK(Check("Mrs Grey has been off with cancer all term").personal_data);
  }
  SECTION("a named person's car registration") {
    removed_as_personal("Mrs Dunmore parks her red Fiesta, LB70 XRT, on the zigzags every day");
    CHECK_FALSE(Check("The school minibus LB70 XRT is back from its MOT").personal_data);
    CHECK_FALSE(Check("Mr Shah ordered 12 packs of AB12 CDEF paper").personal_data);
  }
  SECTION("a pupil whose surname is also a first name") {
    CHECK(Check("The boy who broke the window is Rehan Malik, Year 10").personal_data);
  }
  SECTION("a first name alone identifies no one") {
    CHECK_FALSE(Check("Ava loved the trip, thank you").personal_data);
  }
}

TEST_CASE("safeguarding: disclosures, self-harm, concerns about adults") {
  SECTION("a child's own disclosure is hidden, escalated and preserved") {
    const Verdict v = Check("my uncle comes into my room at night and says it's our secret");
    INFO(Describe(v));
    CHECK(v.safeguarding);
    CHECK(v.verdict == VerdictKind::kRemove);
    CHECK(HasAction(v, RecommendedAction::kEscalateDsl));
    CHECK(HasAction(v, RecommendedAction::kPreserve));
    CHECK(HasAction(v, RecommendedAction::kHide));
    CHECK_FALSE(HasAction(v, RecommendedAction::kDelete));
    CHECK(v.needs_response);
  }
  SECTION("self-harm") {
    CHECK(Check("I can't cope anymore and I've started cutting again").safeguarding);
    CHECK(Check("sometimes I wish I wasn't born, nobody would miss me").safeguarding);
  }
  SECTION("neglect") {
    CHECK(Check("there's no food at home and mum hasn't come home since friday").safeguarding);
  }
  SECTION("a parent's concern about an adult goes to review with the DSL alerted") {
    const Verdict v = Check("A teacher has been messaging my daughter on Snapchat late at night");
    INFO(Describe(v));
    CHECK(v.safeguarding);
    CHECK(v.verdict == VerdictKind::kReview);
    CHECK(HasAction(v, RecommendedAction::kEscalateDsl));
    CHECK_FALSE(HasAction(v, RecommendedAction::kHide));
  }
  SECTION("a stranger near the school") {
    CHECK(Check("A man in a white van was filming the children at the gate").safeguarding);
  }
  SECTION("never deleted, even when it looks like spam") {
    const Verdict v = Check("Cheap vapes for year 7s, dm me, i'll meet you after school \xf0\x9f\x92\xb0");
    if (v.safeguarding) CHECK_FALSE(HasAction(v, RecommendedAction::kDelete));
  }
  SECTION("an ordinary complaint about bullying is not a safeguarding alert") {
    const Verdict v = Check("My son is being called names in class and nobody has replied to my email");
    CHECK_FALSE(v.safeguarding);
    CHECK(v.needs_response);
  }
}

TEST_CASE("unproven allegations against staff go to review") {
  const Verdict v = Check("Apparently Mr Quinn has been fiddling the trip money for years");
  INFO(Describe(v));
  CHECK(v.verdict == VerdictKind::kReview);
  CHECK(HasCategory(v, Category::kDefamation));
  CHECK(HasAction(v, RecommendedAction::kPreserve));
  CHECK(v.needs_response);
}

TEST_CASE("needs_response: questions, requests and complaints as parents write them") {
  CHECK(Check("What time does the fair start on Saturday?").needs_response);
  CHECK(Check("Is the after school club running tomorrow").needs_response);  // no '?'
  CHECK(Check("Hi, just wondering if there are places left in Year 2").needs_response);
  CHECK(Check("We're new to the area, do you have a breakfast club").needs_response);
  CHECK(Check("Please can you put the spelling list on the app").needs_response);
  CHECK(Check("Really disappointed nobody told us the trip was cancelled").needs_response);
  CHECK(Check("Still no reply to my email from three weeks ago").needs_response);
  SECTION("not questions for the school") {
    CHECK_FALSE(Check("Does anyone else's little one narrate their whole day in a pirate voice?").needs_response);
    CHECK_FALSE(Check("Raised £400 for charity?! Amazing").needs_response);
    CHECK_FALSE(Check("Can confirm the new lunches are a hit").needs_response);
    CHECK_FALSE(Check("Thank you for a brilliant sports day").needs_response);
  }
  SECTION("categories") {
    CHECK(HasCategory(Check("When are reports out?"), Category::kQuery));
    CHECK(HasCategory(Check("It's unfair that only one class got the trip"), Category::kComplaint));
    CHECK(HasCategory(Check("Well done to the choir, so proud"), Category::kPraise));
    CHECK(Check("Reminder: own clothes day Friday").categories ==
          std::vector<Category>{Category::kNeutral});
  }
}

TEST_CASE("innocent words that contain offensive strings stay up") {
  for (const char* text : {
           "Our U12s drew with Scunthorpe on Saturday",
           "Cross country at Penistone this weekend",
           "The Middlesex, Essex and Sussex teams all did well",
           "Year 9 assessment week starts Monday",
           "Cocktail sausages and sticks for the party please",
           "Year 8 are reading Dickens this term",
           "Thanks to Cllr Hancock and Mrs Cockburn for visiting",
           "The shiitake mushrooms grew well in the school garden",
           "A therapist came to talk to Year 10 about wellbeing",
           "Great data analysis in the Year 11 projects",
           "Blue tits are nesting in the box again",
           "Spotted dick and custard for the Victorian lunch",
           "The panto this year is Dick Whittington",
           "The rooster on the farm trip crowed cock-a-doodle-doo all morning",
           "Our whippet Maisie was judged best bitch at the breed club show last weekend",
           "Pussy willow from the garden for the spring display",
       }) {
    ExpectOk(text);
  }
}

TEST_CASE("innocent school comments with awkward words stay up (data/innocent.jsonl)") {
  const auto items = DataItems("innocent.jsonl");
  for (const auto& item : items) ExpectOk(item["text"].get<std::string>());
  CHECK(items.size() >= 87);
}

// Disclosures and concerns in wordings no single cue was written for: the concept rules (harm,
// neglect, distress, an adult watching children, secrecy) must still send each to the DSL.
TEST_CASE("safeguarding in varied wordings reaches the DSL (data/safeguarding_wordings.jsonl)") {
  const auto items = DataItems("safeguarding_wordings.jsonl");
  for (const auto& item : items) {
    const std::string text = item["text"];
    const Verdict v = Check(text);
    INFO(text);
    CHECK(v.safeguarding);
    CHECK(v.verdict != VerdictKind::kOk);
  }
  CHECK(items.size() >= 150);
}

// Abuse without swear words (veiled threats, exclusion, campaigns against a named teacher) must
// go; angry but legitimate complaints and innocent words must stay up.
TEST_CASE("abuse goes and complaints stay (data/abuse_or_complaint.jsonl)") {
  int removed = 0, kept = 0;
  for (const auto& item : DataItems("abuse_or_complaint.jsonl")) {
    const std::string text = item["text"];
    const Verdict v = Check(text);
    INFO(text);
    if (item["expect"]["verdict"] == "remove") {
      CHECK(v.verdict == VerdictKind::kRemove);
      ++removed;
    } else {
      CHECK(v.verdict == VerdictKind::kOk);
      ++kept;
    }
  }
  CHECK(removed >= 201);
  CHECK(kept >= 50);
}

// Parents ask without question marks ("would be good to know when...", "need to know what
// time...", "my son lost his blazer"); chatter and thanks need no reply.
TEST_CASE("needs_response in parents' wordings (data/needs_response_wordings.jsonl)") {
  int asks = 0, chats = 0;
  for (const auto& item : DataItems("needs_response_wordings.jsonl")) {
    const std::string text = item["text"];
    const bool expected = item["expect"]["needs_response"];
    INFO(text);
    CHECK(Check(text).needs_response == expected);
    ++(expected ? asks : chats);
  }
  CHECK(asks >= 50);
  CHECK(chats >= 8);
}

TEST_CASE("community languages") {
  ExpectRemoved("Ten nauczyciel to kurwa debil", Category::kProfanity);
  ExpectRemoved("Profesoara asta e o proasta, du-te dracului", Category::kProfanity);
  ExpectRemoved("Saala chutiya headmaster, sab harami hain", Category::kProfanity);
  ExpectRemoved("El director es un gilipollas, qué mierda de colegio", Category::kProfanity);
  ExpectOk("Dziękujemy za piękny występ!");
  const Verdict q = Check("¿Hay clases el viernes?");
  CHECK(q.needs_response);
}

TEST_CASE("any byte string is accepted") {
  SECTION("empty and blank") {
    const Verdict v = Check("");
    CHECK(v.verdict == VerdictKind::kOk);
    CHECK(v.categories == std::vector<Category>{Category::kNeutral});
    CHECK(Check("   \n\t ").verdict == VerdictKind::kOk);
  }
  SECTION("invalid UTF-8") {
    const Verdict v = Check(std::string("\xff\xfe shit \xc3\x28 \xed\xa0\x80"));
    CHECK(v.verdict == VerdictKind::kRemove);
  }
  SECTION("embedded NUL bytes") {
    const Verdict v = Check(std::string("fine\0text", 9));
    CHECK(v.verdict == VerdictKind::kOk);
  }
  SECTION("a megabyte of text") {
    std::string big;
    while (big.size() < 1'000'000) big += "Thank you for the lovely concert. ";
    big += "Mr Gray is a useless idiot.";
    const Verdict v = Check(big);
    CHECK(v.verdict == VerdictKind::kRemove);
    CHECK(v.reasons.size() <= 24);
    for (const Reason& r : v.reasons) CHECK(r.end <= big.size());
  }
  SECTION("a megabyte of abuse: every word a hit, still linear") {
    std::string big;
    while (big.size() < 1'000'000) big += "shit f*ck you tw4t, watch your back! ";
    const Verdict v = Check(big);
    CHECK(v.verdict == VerdictKind::kRemove);
    CHECK(HasCategory(v, Category::kThreat));
    CHECK(v.reasons.size() <= 24);
  }
}

TEST_CASE("repeat offenders are blocked") {
  CHECK_FALSE(HasAction(Check("What a load of shite"), RecommendedAction::kBlock));
  CHECK(HasAction(Check("What a load of shite", kRepeatOffenderRemovals), RecommendedAction::kBlock));
  CHECK_FALSE(HasAction(Check("When is the fair?", 10), RecommendedAction::kBlock));
}

TEST_CASE("every verdict names the engine") {
  CHECK(Check("hello").classifier == "schoolmod-1");
  CHECK(Engine().name() == "schoolmod-1");
}


TEST_CASE("a possessive's thing called a disgrace is a complaint, not an insult") {
  for (const char* text : {"Your booking system is a disgrace and nobody answers the phone",
                           "Your communication is a joke, three letters and not one answer",
                           "The way you talk to parents at the gate is a disgrace"}) {
    const Verdict v = Check(text);
    INFO(text << " -> " << Describe(v));
    CHECK_FALSE(HasCategory(v, Category::kInsult));
    CHECK(v.verdict != VerdictKind::kRemove);
    CHECK(HasCategory(v, Category::kComplaint));
  }
  // Inside a relative clause the possessive is not the subject: the person still is.
  ExpectRemoved("The man who parks his van across the zigzags every single morning is a disgrace",
                Category::kInsult);
}

TEST_CASE("veiled threats: walking out in one piece, a ruined holiday, through the doors") {
  ExpectRemoved("See you at parents evening sir. Only one of us is walking out in one piece",
                Category::kThreat);
  ExpectRemoved("Tell that PE teacher his kids won't be having a happy Easter", Category::kThreat);
  ExpectRemoved("One more phone call about uniform and I'll put the deputy through the staffroom doors",
                Category::kThreat);
  ExpectRemoved("Mrs Ellery drives the silver Corsa. Roads are slippy this week, stay safe out there \xf0\x9f\x98\x89",
                Category::kThreat);
}

TEST_CASE("a child missing: not home, last seen") {
  const Verdict v = Check("Our Tia (Year 7) never came home from town, last seen near the bus station at 6");
  INFO(Describe(v));
  CHECK(v.safeguarding);
}

TEST_CASE("discrimination in everyday words") {
  ExpectRemoved("Half the Romanian dads at the match couldn't even speak English. Go home", Category::kHate);
  ExpectRemoved("Two dads running the PTA now. Not what I want my children growing up with",
                Category::kHate);
  ExpectRemoved("Casting a lad who thinks he's a girl as the fairy godmother is wrong", Category::kHate);
  ExpectRemoved("Sports day looked like a United Nations meeting this year", Category::kHate);
}

TEST_CASE("account phishing and card scams") {
  ExpectRemoved("Notice: this page violated community guidelines and will be deleted in 24 hours. "
                "Verify now at page-support.example",
                Category::kSpam);
  ExpectRemoved("Free letter from Father Christmas! Card details required to confirm your child's age",
                Category::kSpam);
}

TEST_CASE("allegations against staff: skimming, sent home from the party, a relative's contract") {
  for (const char* text :
       {"Rumour is the bursar has been skimming off the uniform shop for years",
        "Apparently Mr Tolley was sent home from the staff summer party. Lovely role model",
        "The head's brother in law got the cleaning contract. Pure coincidence I'm sure"}) {
    const Verdict v = Check(text);
    INFO(text << " -> " << Describe(v));
    CHECK(HasCategory(v, Category::kDefamation));
  }
}

TEST_CASE("an address after 'lives at' without a street word, and a named adult's illness") {
  const Verdict address = Check("If anyone wants to complain, Mr Ruddock lives at Flat 5, 22 Millpond, Ashcombe");
  INFO(Describe(address));
  CHECK(address.personal_data);
  CHECK(HasRule(address, "personal_data:address"));
  ExpectOk("My nan lives at 90 and still walks the dog");
  const Verdict illness = Check("Pauline Ogden from the office is off sick with pneumonia, so ring the other number");
  INFO(Describe(illness));
  CHECK(illness.personal_data);
}

TEST_CASE("heat and the nativity are not rude") {
  ExpectOk("So hot on the field today \xf0\x9f\xa5\xb5 please send water bottles");
  ExpectOk("My daughter is the donkey and her friend is the ass in the Reception nativity");
  // The hot face about a person, with no weather in view, is still a sexual remark.
  ExpectRemoved("Mr Dunmore at the school fete \xf0\x9f\xa5\xb5\xf0\x9f\xa5\xb5", Category::kSexual);
}


TEST_CASE("a parent speaking of their own disabled or Muslim child is not speaking of a group") {
  const Verdict v = Check("My autistic daughter keeps getting sent to the corridor for things she "
                          "can't control, and I want a meeting with the SENCO");
  INFO(Describe(v));
  CHECK_FALSE(HasCategory(v, Category::kHate));
  CHECK(v.verdict != VerdictKind::kRemove);
  ExpectRemoved("Disabled kids should be taught somewhere else, not with ours", Category::kHate);
}

TEST_CASE("a platform named alone is a video, not an account pointed at") {
  const Verdict video = Check("The Year 11 leavers' TikTok with Mr Asante juggling is brilliant");
  INFO(Describe(video));
  CHECK_FALSE(video.personal_data);
  const Verdict handle = Check("Mr Asante is on insta as @asante_runs99, go and tell him what you think");
  INFO(Describe(handle));
  CHECK(handle.personal_data);
}

TEST_CASE("a lesson on body safety told gently is praise, not a disclosure") {
  ExpectOk("The PANTS assembly was delivered so sensitively, my 6 year old now says 'private parts' "
           "without giggling");
}

TEST_CASE("threats: the first aider, insurance, a visit at home, the bus he takes") {
  ExpectRemoved("Shout at my daughter again sir and you'll be the one needing an ambulance",
                Category::kThreat);
  ExpectRemoved("Hope she's got decent insurance on that new Golf \xf0\x9f\x94\xa5", Category::kThreat);
  ExpectRemoved("I'll call on the chair of governors at home not at the office. She'll know I've been",
                Category::kThreat);
  ExpectRemoved("That lad from 9B is getting sorted, we know which bus he takes", Category::kThreat);
}

TEST_CASE("self-harm: nobody will have to put up with me") {
  const Verdict v = Check("no point revising. after the mocks nobody will have to put up with me");
  INFO(Describe(v));
  CHECK(v.safeguarding);
}

TEST_CASE("complaints in parents' idioms are answered") {
  for (const char* text : {"Three letters home about the trip and each has a different date on it. Make your mind up",
                           "A phone call before the coach left would have been the absolute minimum",
                           "Book fair, cake sale and a costume day in the same week again, some of us have two jobs. Could you spread them out",
                           "Fine, charge for the music exam, but don't make families pay for a booking fee on top",
                           "The hand dryers in the juniors' toilets still don't work after a whole term"}) {
    ExpectAnsweredComplaint(text);
  }
}

TEST_CASE("a dyke in a flood is an embankment") {
  const Verdict v = Check("Road's closed again, the dyke by the allotments burst its banks overnight and the lane is flooded. Will buses still run?");
  INFO(Describe(v));
  CHECK(v.verdict == VerdictKind::kOk);
  CHECK_FALSE(HasCategory(v, Category::kHate));
  ExpectRemoved("the new science teacher is a right dyke, no wonder she never smiles", Category::kHate);
}

TEST_CASE("a year of school that was a nightmare is the time, not its pupils") {
  const Verdict v = Check("Year 8 has been a nightmare for her so far, two lost friendship groups and a new form tutor every term");
  INFO(Describe(v));
  CHECK(v.verdict == VerdictKind::kOk);
  ExpectRemoved("Year 10 are a nightmare on the late bus, feral the lot of them", Category::kHarassment);
}

TEST_CASE("threats through a window, by a bus route, of being careful who one talks to") {
  ExpectRemoved("touch my daughter's phone once more and I'll throw him through the staffroom door", Category::kThreat);
  ExpectRemoved("We know what train the deputy head gets on a Friday. Tell him to rethink that exclusion.", Category::kThreat);
  ExpectRemoved("That dinner lady needs to be careful what she says about my kids round here", Category::kThreat);
}

TEST_CASE("theft stereotypes and exclusion from changing rooms are hate") {
  ExpectRemoved("Open day is full of Albanians this year, lock up your bikes", Category::kHate);
  ExpectRemoved("Keep your trans agenda and your gay drama teacher out of our girls' toilets", Category::kHate);
}

TEST_CASE("a supplier's deposit with a link, and card numbers for a voucher, are scams") {
  ExpectRemoved("Westfield Uniforms: every parent must pay a £25 fee before term. Pay now to confirm: westfield-blazer-fee.net", Category::kSpam);
  ExpectRemoved("Families on free meals: send your child's full name and bank details to 07700 900456 to claim a £100 food voucher", Category::kSpam);
  // A parent asking about a real deposit is a question.
  const Verdict v = Check("Do all families have to pay a £50 deposit for the Paris trip before the letter goes out?");
  INFO(Describe(v));
  CHECK(v.verdict == VerdictKind::kOk);
}

TEST_CASE("a thing called a joke or a shambles is a complaint to answer, not one for review") {
  ExpectAnsweredComplaint("The new parking system is a joke, I queued twenty minutes at drop off this morning");
  ExpectAnsweredComplaint("The uniform ordering website was a shambles last night, it kept timing out");
  // Exasperation with the school itself still goes to a person.
  ExpectReviewed("Gone rapidly downhill since the merger. Shambles. Don't know why we even bother.",
                 Category::kComplaint);
}

TEST_CASE("a parent on their own child's struggles is not the writer's despair") {
  // Words describing the child between "our" and "son" still make the writer a parent.
  for (const char* text : {"Our autistic son cannot cope with the fire alarm practice, could he have ear defenders",
                           "My youngest daughter can't cope with the new lunch queue system",
                           "My daughter has a sensory processing disorder and is hardly eating at lunch because of the smell in the canteen. Could she eat in the library?"}) {
    const Verdict v = Check(text);
    INFO(text << "\n" << Describe(v));
    CHECK_FALSE(v.safeguarding);
    CHECK(v.verdict != VerdictKind::kRemove);
  }
  // A pupil about a brother, and a pupil about themselves, still are.
  CHECK(Check("my baby brother keeps saying he can't cope and wants it to stop").safeguarding);
  CHECK(Check("honestly i can't cope anymore, i'm done with everything").safeguarding);
  CHECK(Check("my friend in year 9 has stopped eating and keeps saying she won't be around much longer").safeguarding);
}

TEST_CASE("a pupil filmed in private is a safeguarding matter") {
  const Verdict v = Check("Someone filmed her in the changing rooms after netball and it's on every phone in Year 9");
  INFO(Describe(v));
  CHECK(v.safeguarding);
}

TEST_CASE("exam paper scams and 'is grooming' said of a group") {
  ExpectRemoved("All boards leaked papers for June, real not fake, telegram @papers_uk", Category::kSpam);
  ExpectRemoved("Pride week in a primary school is grooming, end of", Category::kHate);
}

TEST_CASE("choking on a drink, a lesson's topic and an upset afternoon are not a child at risk") {
  for (const char* text : {
           "Grandad nearly choked on his coffee when our youngest told him what she'd learnt about volcanoes",
           "Glad the Year 9 knife crime and county lines assembly is happening. Will it be shared with parents?",
           "The police talk on county lines for parents of Year 7 is on Thursday at six",
           "Our son came home upset because he wasn't picked for the team again, can the coach explain how they choose"}) {
    const Verdict v = Check(text);
    INFO(text << "\n" << Describe(v));
    CHECK_FALSE(v.safeguarding);
    CHECK(v.verdict == VerdictKind::kOk);
  }
  // The same words about a child's own life still are.
  CHECK(Check("mums boyfriend choked me when i told him to stop shouting").safeguarding);
  CHECK(Check("My lad in Year 8 is being used for county lines by older boys, he came home with a phone that isn't his").safeguarding);
}

TEST_CASE("a name told apart by where the person works is not an insult") {
  ExpectOk("Dick from the garage on Mill Road is retiring after forty years, is there a card going round?");
  ExpectRemoved("dick from the office wouldn't let me in, pathetic", Category::kProfanity);
}

TEST_CASE("pupils picking on a child is not an allegation against staff") {
  const Verdict v = Check("The form tutor still hasn't replied about the boys picking on my son at break. I want a phone call this week");
  INFO(Describe(v));
  CHECK_FALSE(HasCategory(v, Category::kDefamation));
  CHECK(v.needs_response);
  ExpectReviewed("Everyone knows Mr Dunmore picks on the girls in his tutor group", Category::kDefamation);
}

TEST_CASE("threats: the only thing broken, not coming for a chat, knowing who told") {
  ExpectRemoved("The windows won't be the only thing getting smashed if my son's exclusion stands", Category::kThreat);
  ExpectRemoved("Touch my boy again and I'll be at that gate, and it won't be for a chat", Category::kThreat);
  ExpectRemoved("We know who snitched on my daughter and so will the whole school by Friday", Category::kThreat);
  ExpectOk("I won't be coming to talk at parents evening as I'm on nights, could we do a phone call instead?");
}

TEST_CASE("a terrorist stereotype is hate, and money from home in community languages is spam") {
  ExpectRemoved("The new caretaker looks like a suicide bomber, does anyone even check these people", Category::kHate);
  ExpectRemoved("Zarabiaj w domu nawet 300 zł dziennie 💰 napisz na priv", Category::kSpam);
  ExpectRemoved("Castiga bani de acasa, doar 2 ore pe zi, scrie-mi in privat", Category::kSpam);
}

TEST_CASE("a child at risk named by first name and class is hidden while the DSL acts") {
  const Verdict named = Check("Maisie in 5C keeps turning up without a coat and says there's no heating at home");
  INFO(Describe(named));
  CHECK(named.safeguarding);
  CHECK(named.verdict == VerdictKind::kRemove);
  CHECK(HasAction(named, RecommendedAction::kEscalateDsl));
  // Without the name the comment exposes nobody: the DSL reads it, it stays up meanwhile.
  const Verdict unnamed = Check("A girl in 5C keeps turning up without a coat and says there's no heating at home");
  INFO(Describe(unnamed));
  CHECK(unnamed.safeguarding);
  CHECK(unnamed.verdict == VerdictKind::kReview);
}

TEST_CASE("requests to have a word, and complaints that say they will be raised again, are answered") {
  for (const char* text : {"Could you have a word with the lollipop man, he keeps waving cars through while kids are crossing",
                           "Three projects over half term. They're 7 years old. Let them have a break.",
                           "I'll be raising this at the governors meeting too, the trip letter came out two days before the deadline"}) {
    ExpectAnswered(text);
  }
}

TEST_CASE("questions in community languages without a question mark are answered") {
  for (const char* text : {"Buna ziua, as vrea sa stiu daca excursia de vineri se tine",
                           "Dzień dobry, chciałabym wiedzieć kiedy są zebrania z rodzicami",
                           "Hola, quisiera saber si hay club de desayuno en vacaciones"}) {
    ExpectAnswered(text);
  }
}

TEST_CASE("a pupil filmed crying, and a teacher alone with a pupil overnight, reach the DSL") {
  const Verdict filmed = Check("Some lads filmed my son crying in the toilets and put it on their story");
  INFO(Describe(filmed));
  CHECK(filmed.safeguarding);
  const Verdict alone = Check("On the camp my daughter had to sleep in her tent with the leader, just the two of them. Is that normal?");
  INFO(Describe(alone));
  CHECK(alone.safeguarding);
  CHECK(alone.verdict == VerdictKind::kReview);
}

TEST_CASE("a child hit at home, told in Urdu, Polish or Spanish, reaches the DSL") {
  for (const char* text : {"Mere bhai ka shohar nahi, uska abbu usko roz marta hai aur bachay dar ke rehte hain",
                           "Ojczym bije dzieci kiedy mama jest na nocce",
                           "Mi padrastro me pega y no quiero volver a casa"}) {
    const Verdict v = Check(text);
    INFO(text << "\n" << Describe(v));
    CHECK(v.safeguarding);
  }
  ExpectOk("Dzieci bardzo lubią nową bibliotekę, dziękujemy");
}


TEST_CASE("staff called liars or idiots in Romanian, Polish, Spanish or Urdu are removed") {
  // "and a liar" after the first insult must not read as a noun it modifies ("an idiot expert").
  ExpectRemoved("Profesorul de sport e un idiot și un mincinos", Category::kInsult);
  // Titles in the community languages name a member of staff as "Mrs" does.
  ExpectRemoved("Doamna Ionescu este o mincinoasa, nu o credeti", Category::kInsult);
  ExpectRemoved("Pani Wiśniewska jest głupia i leniwa", Category::kInsult);
  ExpectRemoved("El profesor de mates es un mentiroso", Category::kInsult);
  ExpectRemoved("Yeh head teacher bilkul jhoota hai", Category::kInsult);
  // The same titles with kind words, and the same words about no one.
  ExpectOk("Pani Wiśniewska is the best teacher my son has had");
  ExpectOk("Doamna Ionescu, vă mulțumim pentru tot");
}


TEST_CASE("rumours of why staff left, and of something covered up, go to a person as allegations") {
  for (const char* text :
       {"Word is the PE teacher was suspended over something that went on with one of the girls",
        "Apparently Mrs Okafor left because of the money, funny how it all got hushed up",
        "I heard the bursar walked out after an incident. Nobody dares say anything about it",
        "Rumour is the deputy helped herself to the trip money and the governors covered it "
        "up"}) {
    const Verdict v = Check(text);
    INFO(text << " -> " << Describe(v));
    CHECK(HasCategory(v, Category::kDefamation));
    CHECK(v.verdict != VerdictKind::kOk);
    CHECK(v.needs_response);
  }
  // Stated as fact, the theft is a grave accusation that comes down.
  ExpectRemoved("The deputy helped herself to the trip money and the governors covered the whole "
                "thing up",
                Category::kDefamation);
  // A member of staff leaving, and a cover teacher, are news.
  ExpectOk("Mrs Okafor left after twenty years with us and we wish her a happy retirement");
  ExpectOk("Mr Hale, could the caretaker cover it up with a tarp before the rain gets in?");
}


TEST_CASE("favouritism and never being seen are complaints the school answers") {
  for (const char* text :
       {"Every year it's the same kids who get the solos at the carol service",
        "Only ever the teachers' kids in the netball team, mine never gets a chance",
        "Been trying since September and not once been able to speak to the SENCO"}) {
    ExpectAnsweredComplaint(text);
  }
}

TEST_CASE("a Polish minced oath goes to a person, as 'bloody' does") {
  const Verdict v = Check("Kurde, znowu zamknięta szkoła. Co mam zrobić z dziećmi?");
  INFO(Describe(v));
  CHECK(v.verdict == VerdictKind::kReview);
  CHECK(HasCategory(v, Category::kProfanity));
  CHECK(v.needs_response);
}


TEST_CASE("a village called Bell End, a seabird, a face sore from smiling and a jump are innocent") {
  ExpectOk("The Year 5 walk goes from Bell End to the reservoir, wear proper boots please");
  ExpectOk("On the Farne Islands trip we saw a shag drying its wings next to the puffins");
  ExpectOk("Best nativity ever, my cheeks still hurt from smiling");
  ExpectOk("In PE today my son jumped off the top of the climbing frame onto the crash mat and loved it");
  // The words themselves still count where they mean harm.
  ExpectRemoved("Shut up you bell end", Category::kInsult);
  const Verdict jumped = Check("Three older lads jumped my son on the way home and took his phone, he is 11");
  INFO(Describe(jumped));
  CHECK(jumped.safeguarding);
}

TEST_CASE("a parent describing their own child's hair or skin is not mocking them") {
  const Verdict v = Check("Since the move to the new building mine has a bald patch and picks her skin till it bleeds. Who can I talk to");
  INFO(Describe(v));
  CHECK_FALSE(HasCategory(v, Category::kHarassment));
  CHECK(v.safeguarding);
  ExpectRemoved("Mr Dobbs and that bald patch, what a state he is", Category::kHarassment);
}

TEST_CASE("a pupil saving tablets, and hurting themselves till they bleed, reach the DSL") {
  for (const char* text : {"ive been saving my nans tablets for weeks and nobody has noticed",
                           "after the weekend none of it will matter anyway so why revise",
                           "My son has started biting his hands until they bleed when he gets home"}) {
    ExpectSafeguarding(text);
  }
  ExpectOk("Honestly pulling my hair out with this homework app, it logs me out every day");
}

TEST_CASE("a final warning to someone is a threat; a member of staff on a final warning is a rumour") {
  ExpectRemoved("This is your last and final warning Mrs Pike", Category::kThreat);
  const Verdict rumour = Check("Apparently the caretaker is on his final warning already. Wonder why");
  INFO(Describe(rumour));
  CHECK_FALSE(HasCategory(rumour, Category::kThreat));
  CHECK(HasCategory(rumour, Category::kDefamation));
}

TEST_CASE("knowing an adult's movements, told as a statement, is a veiled threat") {
  ExpectRemoved("I know what time the bursar finishes on a Friday. Think on", Category::kThreat);
  ExpectRemoved("We know which car park the head uses and when she leaves", Category::kThreat);
  ExpectOk("Does anybody know what time the PE teacher leaves for the tournament?");
  ExpectAnswered("I know when the office closes on Fridays so please ring me back before 3");
  ExpectOk("I know what time the kids get off the coach, I'll be there to collect");
}


TEST_CASE("grant scams, requests for a bank transfer and adult spam are removed") {
  ExpectRemoved("FREE SCHOOL MEALS TOP UP: every family is eligible for £200. Apply using your card details at fsm-topup.example.com",
                Category::kSpam);
  ExpectRemoved("Cost of living payment now open for parents, £300 paid same day, enter your bank details via the link",
                Category::kSpam);
  ExpectRemoved("Hi it's the PTA, the card machine is down so can someone transfer 40 to account 11223344 sort code 10-20-30, will repay",
                Category::kSpam);
  ExpectRemoved("Lonely husbands near Walsall 😘 I'm 23 and so naughty, my spicy pics are free tonight", Category::kSexual);
  // The council's real grant, and paying the school, are not scams.
  ExpectOk("The council's school uniform grant is open again this year, apply on the council website");
  ExpectOk("To pay for the trip please enter your card details on ParentPay as usual");
}

TEST_CASE("sexual remarks about mums at the gate and rating pupils' bodies are removed") {
  ExpectRemoved("Some fit mums on the school run, would happily bend a few of them over the bonnet", Category::kSexual);
  const Verdict rating = Check("Lads in Year 9 have a group chat ranking the girls' bodies out of 10 from their PE photos");
  INFO(Describe(rating));
  CHECK(rating.verdict == VerdictKind::kRemove);
  CHECK(rating.safeguarding);
}

TEST_CASE("grooming, a cover story and a forced marriage, told in Spanish, Romanian or Urdu, reach the DSL") {
  for (const char* text : {"Mi hijo de 11 años dice que un desconocido le manda mensajes y le pide fotos sin ropa",
                           "Mi hijo de 8 años dice que una señora le regala dulces y le dice que no se lo cuente a nadie",
                           "Sora mea mică are vânătăi pe mâini și zice că a căzut, dar tata o bate",
                           "Meri cousin sirf 15 saal ki hai, unhon ne kaha hai ke garmiyon mein shaadi kar denge"}) {
    ExpectSafeguarding(text);
  }
  ExpectOk("Mi hija de 7 años está encantada con su nueva profe, gracias");
  ExpectOk("Tata a venit la serbare și i-a plăcut foarte mult");
}


TEST_CASE("disabled pupils to be kept apart from 'normal' children is hate") {
  ExpectRemoved("The disabled ones should be put in a separate class, they hold the normal kids back", Category::kHate);
  ExpectRemoved("Could the SEND school keep their kids away from the park after school. Normal people don't want to look at that",
                Category::kHate);
  ExpectOk("The autistic ones in Year 2 have a calm room at lunch and it has made such a difference");
}

TEST_CASE("flooding a page until a teacher goes is a harassment campaign") {
  ExpectRemoved("Get on every post and put 👎 till Miss Oakes resigns. Lets flood the page", Category::kHarassment);
}

TEST_CASE("'it won't be an accident' is a veiled threat") {
  ExpectRemoved("someone's going to get hurt at that parents evening and it won't be by accident", Category::kThreat);
}

TEST_CASE("a young child alone by water, and a named pupil gone missing, reach the DSL") {
  const Verdict alone = Check("Saw a little lad on his own down by the canal at 7pm, couldn't have been more than six, nobody with him");
  INFO(Describe(alone));
  CHECK(alone.safeguarding);
  const Verdict missing = Check("Lacey Dunmore from Hollins Park Year 5 went missing after school, please share and look out for her");
  INFO(Describe(missing));
  CHECK(missing.safeguarding);
  CHECK(missing.personal_data);
  CHECK(missing.verdict == VerdictKind::kRemove);
  ExpectOk("My son's water bottle went missing from the classroom again, has anyone seen a green one?");
}

TEST_CASE("a child named with a class called after a tree is identifiable; a house number is not a class") {
  const Verdict named = Check("Social services were at ours again last night, please be kind to our Kian Rourke in 4 Beech today");
  INFO(Describe(named));
  CHECK(named.personal_data);
  CHECK(named.verdict == VerdictKind::kRemove);
  const Verdict address = Check("The man shouting at the gate was Dean Poll, he lives in 9 Elm Close");
  INFO(Describe(address));
  CHECK_FALSE(address.safeguarding);
}

TEST_CASE("rumours of money gone missing and of why staff left are allegations") {
  for (const char* text :
       {"Heard the bursar left so suddenly because money went missing from the trip fund. Someone should be asking questions",
        "A little bird told me the new deputy quit her last school after an investigation. If that's true parents should know"}) {
    const Verdict v = Check(text);
    INFO(text << " -> " << Describe(v));
    CHECK(HasCategory(v, Category::kDefamation));
  }
}

TEST_CASE("complaints and questions in community languages and dialect are answered") {
  for (const char* text : {"Nadie me ha contestado desde el lunes y mi hija sigue sin su libro",
                           "Nikt nie odpowiada na maile, to jest żart",
                           "Nimeni nu ne răspunde de două săptămâni",
                           "Honestly utter mince. The heid cannae run a parents evening",
                           "I'd like someone to explain to me how a lunchtime detention for a hair bobble is fair",
                           "Any chance someone has handed in a blue lunchbox",
                           "ParentPay took the money twice, who do I ring",
                           "Kya mujhe koi form bharna hoga for the Eid absence"}) {
    const Verdict v = Check(text);
    INFO(text << " -> " << Describe(v));
    CHECK(v.needs_response);
  }
}

TEST_CASE("insults in Romanian and a personality transplant go to a person") {
  const Verdict ro = Check("Sunteți niște incompetenți la biroul școlii");
  INFO(Describe(ro));
  CHECK(HasCategory(ro, Category::kInsult));
  CHECK(ro.verdict != VerdictKind::kOk);
  const Verdict quip = Check("The new receptionist could do with a personality transplant");
  INFO(Describe(quip));
  CHECK(quip.verdict == VerdictKind::kReview);
}


TEST_CASE("a neighbour worried about children at a special school is not speaking of a group") {
  const Verdict v = Check("The little girl upstairs goes to the special school. No food in, same clothes all week, "
                          "I don't want to cause trouble but someone should check on her");
  INFO(Describe(v));
  CHECK(v.safeguarding);
  CHECK_FALSE(HasCategory(v, Category::kHate));
}

TEST_CASE("a disabled child left unchanged all day reaches the DSL") {
  const Verdict v = Check("Our daughter is 9 and non verbal and came home again with her pad not changed and her skin red raw");
  INFO(Describe(v));
  CHECK(v.safeguarding);
  CHECK(v.needs_response);
}

TEST_CASE("'sodding' is mild profanity and 'really poor' a complaint") {
  const Verdict sodding = Check("The sodding car park gate is stuck shut again");
  INFO(Describe(sodding));
  CHECK(sodding.verdict == VerdictKind::kReview);
  CHECK(HasCategory(sodding, Category::kProfanity));
  ExpectAnsweredComplaint("Charging for the Christmas disco this year is really poor tbh, lots of us are choosing between heating and eating");
}


TEST_CASE("Romanian 'cum' (how) is not the English word") {
  ExpectOk("Bună seara, cum pot să mă înscriu la ședința cu părinții?");
  ExpectRemoved("cum all over her", Category::kSexual);
}

TEST_CASE("arson boasts, looking over your shoulder and waiting at the gate are threats") {
  ExpectRemoved("The science block went up a treat last night. Staffroom next", Category::kThreat);
  ExpectRemoved("Whoever told the head about the fight wants to keep looking over their shoulder", Category::kThreat);
  ExpectRemoved("Dacă mai țipă la fiica mea, o aștept la poartă", Category::kThreat);
  ExpectOk("Concert moves to the main hall next term while the roof is fixed");
}

TEST_CASE("a fake PTA asking for bank transfers is spam") {
  ExpectRemoved("Trip payments are now by bank transfer only, use your child's name as reference, ParentPay has been hacked",
                Category::kSpam);
}

TEST_CASE("not wanting a child to share a room with a gay pupil is hate") {
  ExpectRemoved("I wouldn't want my son sharing a room with a boy who says he's gay on the camp", Category::kHate);
  ExpectOk("My daughter came out to her friends and said she's gay, so proud of how kind they were");
}

TEST_CASE("disclosures in Punjabi and Urdu, a child locked out at night, a child kept behind alone") {
  for (const char* text : {"Mainu ghar nahi jaana, mere mamu raat nu mere kamre vich aunde ne",
                           "Meri beti ko ghar mein maara jata hai, uske bazoo par neel hain",
                           "The boy over the road was banging on the door to be let in at 11pm again, just in a t shirt",
                           "if sir keeps me behind on my own again im ringing childline"}) {
    ExpectSafeguarding(text);
  }
}

TEST_CASE("a named pupil on the child protection register is exposed") {
  const Verdict v = Check("Did you know Alfie Rudd in Year 3 is on the child protection register");
  INFO(Describe(v));
  CHECK(v.personal_data);
  CHECK(v.verdict == VerdictKind::kRemove);
}

TEST_CASE("Polish 'to' joins a member of staff to what they are called") {
  ExpectRemoved("Dyrektorka tej szkoly to krowa i idiotka", Category::kInsult);
  ExpectOk("Krowa na farmie to duze zwierze, dzieci byly zachwycone");
}

TEST_CASE("a door knob is not an insult, and a 'v' for a 'u' still spells the word") {
  ExpectOk("The knob fell off the cupboard in the Year 1 classroom, can someone look at it");
  ExpectRemoved("Honestly he's a knob", Category::kInsult);
  ExpectRemoved("the cvnts at the council have done it again", Category::kProfanity);
}

TEST_CASE("an embarrassment to the profession is an insult") {
  ExpectRemoved("Mr Harrow is an embarrassment to the profession", Category::kInsult);
}

TEST_CASE("a same-sex partner 'rammed down throats', a faith told to stay home, a pupil misgendered") {
  ExpectRemoved("Miss Carrow bringing her wife to sports day, ramming it down our children's throats",
                Category::kHate);
  ExpectRemoved("Why are the Sikhs getting a prayer space? They can pray at home, this is England",
                Category::kHate);
  ExpectRemoved("That girl in Year 8 who thinks she's a boy wants the boys changing room, freak show",
                Category::kHate);
  ExpectOk("Adverts for junk food shoved in our children's faces at the bus stop outside school");
  ExpectRemoved("Why on earth do they let a bloke who wears a dress run the Year 3 class now?",
                Category::kHate);
  // The pantomime dame is a man in a dress too, and no sneer at anyone.
  ExpectOk("The panto dame was a man in a dress and the kids loved it");
  ExpectOk("Brilliant pantomime this year, Mr Hale as a bloke in a wig had us in stitches");
}

TEST_CASE("children on a railway line or gone from a club unnoticed reach the DSL") {
  ExpectSafeguarding("Saw some Year 6 kids playing on the railway line behind the allotments again");
  ExpectSafeguarding("A little boy wandered out of the nursery gate and nobody had noticed he'd gone");
}

TEST_CASE("sexual remarks about sixth formers being 'legal' expose pupils") {
  const Verdict v = Check("the Year 13 girls in the prom photos, all legal now \U0001F60F");
  INFO(Describe(v));
  CHECK(v.safeguarding);
  CHECK(HasCategory(v, Category::kSexual));
  CHECK(v.verdict == VerdictKind::kRemove);
}

TEST_CASE("hidden arms, a final-sounding goodbye and pictures 'for his collection' reach the DSL") {
  for (const char* text : {"My son's friend keeps his hoodie on all day even in the heat. Has anyone looked at his arms?",
                           "sorry for everything, won't be coming back after half term",
                           "my friend's uncle takes pictures of us in our swimsuits and says it's for his collection"}) {
    ExpectSafeguarding(text);
  }
}

TEST_CASE("disclosures in Spanish, Romanian and Urdu with the child's age") {
  for (const char* text : {"El novio de mi mam\u00e1 me pega cuando bebe",
                           "Un b\u0103iat din clasa a 8-a \u00eemi tot cere poze. Am 11 ani",
                           "Abbu kehte hain ke meri shaadi kar denge, main sirf 15 saal ki hoon"}) {
    ExpectSafeguarding(text);
  }
}

TEST_CASE("a discount with a deadline and a link is spam") {
  ExpectRemoved("School shoes 60% OFF at www.shoezdeal.example.net, ends at midnight", Category::kSpam);
}

TEST_CASE("a named pupil in care is exposed; a grown man who cannot keep order is not a danger") {
  const Verdict v = Check("Lacey Hartford in Year 5 is in care now");
  INFO(Describe(v));
  CHECK(v.personal_data);
  const Verdict staff = Check("Mr Pryce is a joke, grown man who can't control a class of eleven year olds");
  INFO(Describe(staff));
  CHECK_FALSE(staff.safeguarding);
  CHECK(HasCategory(staff, Category::kInsult));
}

TEST_CASE("an animal part in a nativity is no insult; the same word about a teacher still is") {
  ExpectOk("Just found out my lad is the pig in the Christmas play. Is that the pig that gets eaten?");
  ExpectOk("Loved the nativity! Who was that donkey at the back? Stole the show");
  ExpectRemoved("Mr Oakley is a useless donkey and should be sacked", Category::kInsult);
}

TEST_CASE("a threat to a pupil named through a sibling and a class reaches the DSL") {
  const Verdict v = Check("Kasia Lewandowska's sister in 9F is a snitch. Tell her to watch her back on the bus");
  INFO(Describe(v));
  CHECK(HasCategory(v, Category::kThreat));
  CHECK(v.safeguarding);
  CHECK(v.personal_data);
}

TEST_CASE("a pupil whose name is not in the first-name list is still placed by the class") {
  const Verdict v = Check("Taiwo Ogundipe from Year 9 is the one who started it, she lives above the launderette");
  INFO(Describe(v));
  CHECK(v.personal_data);
}

TEST_CASE("a coach that broke down is a bus, not an adult near children") {
  ExpectOk("Thank you to the teachers who waited with the children until gone 7 when the coach broke down on the A17");
}

TEST_CASE("secret games, easy jobs for cash, children left in a car, a parent drunk at pick-up") {
  for (const char* text :
       {"The man at the after school club tells the girls it's their special game and not to tell mum",
        "Someone on TikTok is messaging Year 8s offering twenty quid for an easy job after school",
        "Their stepdad leaves the kids locked in the car outside the bookies most afternoons",
        "Her mum turns up reeking of booze at home time and the little one is always the last to be picked up",
        "My ex hasn't brought our daughter back from his holiday and says he's taking her out of the country"}) {
    ExpectSafeguarding(text);
  }
}

TEST_CASE("bruises and a parent never sober, about a named pupil, reach the DSL") {
  ExpectSafeguarding("Jaxon Reed in Year 3 turns up with a fresh bruise every week and his mum is never sober at pick up");
}

TEST_CASE("a member of staff's own illness is gossip, not a child at risk") {
  const Verdict v = Check("Miss Patel has been off since half term with depression and pills, her cousin told me at Tesco");
  INFO(Describe(v));
  CHECK_FALSE(v.safeguarding);
}

TEST_CASE("'go back where you came from', a faith 'taking over' and a disability called an excuse are hate") {
  ExpectRemoved("Nobody wants your Eid assembly, go back where you came from", Category::kHate);
  ExpectRemoved("It used to be a proper English school before the mosque crowd took the place over",
                Category::kHate);
  ExpectRemoved("ADHD is just an excuse for badly behaved kids and lazy parents", Category::kHate);
}

TEST_CASE("fireworks through a letterbox and a car 'not in one piece' are threats") {
  ExpectRemoved("Someone should post a banger through the deputy head's letter box on the 5th",
                Category::kThreat);
  ExpectRemoved("Keep putting my son in isolation and your tyres won't be in one piece", Category::kThreat);
}

TEST_CASE("a teacher mocked as dull and powerless is insulted") {
  const Verdict v = Check("Mr Dunmore is as dull as dishwater and Year 10 run rings round him every lesson");
  INFO(Describe(v));
  CHECK(HasCategory(v, Category::kInsult));
  CHECK(v.verdict != VerdictKind::kOk);
}

TEST_CASE("'dipping into' a fund is an allegation") {
  const Verdict v = Check("Word is the bursar has been dipping into the PTA money for years");
  INFO(Describe(v));
  CHECK(HasCategory(v, Category::kDefamation));
}

TEST_CASE("patronising letters, double standards and 'needs looking at' are complaints to answer") {
  for (const char* text :
       {"That email about lateness was so patronising, some of us work nights",
        "Staff can park on the zigzags but parents get a fine. Double standards",
        "The lunch queue system needs looking at properly, my son had ten minutes to eat",
        "Really poor that the Year 9 options evening clashed with parents' evening for Year 11"}) {
    ExpectAnsweredComplaint(text);
  }
}

TEST_CASE("a shag that is a seabird is no sexual word, and a cent sign spells a c") {
  ExpectOk("Year 4 learnt that a shag is a seabird, much to their delight");
  ExpectRemoved("fu\u00a2king joke this school", Category::kProfanity);
}

TEST_CASE("a cue word that is someone's name is no cue") {
  const Verdict v = Check("Week 3 of asking why Mr Kicks hasn't answered my emails about the bus");
  INFO(Describe(v));
  CHECK_FALSE(v.safeguarding);
}

TEST_CASE("missing a trip is not despair, and support a child is entitled to is no insult") {
  const Verdict trip = Check("My son can't go on the trip because we're away that week, can we get a refund?");
  INFO(Describe(trip));
  CHECK_FALSE(trip.safeguarding);
  const Verdict entitled = Check("He goes into Year 9 without the help he's entitled to. I've emailed four times and nobody replies");
  INFO(Describe(entitled));
  CHECK_FALSE(HasCategory(entitled, Category::kInsult));
}

TEST_CASE("a self-harm cue in a comment that mentions a story still counts") {
  const Verdict v = Check("Maya in Year 8 keeps posting on her story that she wants to kill herself");
  INFO(Describe(v));
  CHECK(v.safeguarding);
  // Harm to oneself is not a threat against anyone.
  CHECK_FALSE(HasCategory(v, Category::kThreat));
  ExpectRemoved("go and kill yourself you sad old man", Category::kThreat);
}

TEST_CASE("toddlers left in a van, boarders missing overnight, hints of self-harm, pictures passed round") {
  for (const char* text :
       {"Two toddlers left in a van outside the chippy for half an hour with the engine off",
        "Two boarders went missing from the house overnight and nobody told us till lunchtime",
        "i keep doing something i shouldnt to my arms when its bad at home",
        "Once my exams are over I won't have to worry about anything ever again",
        "Everyone pass round the pics of that girl in Year 9, she asked for it"}) {
    ExpectSafeguarding(text);
  }
}

TEST_CASE("'back where they came from', a teacher's way home on dark lanes, a remark on her skirts") {
  ExpectRemoved("They can have their festival back where they came from, not in our school hall",
                Category::kHate);
  ExpectRemoved("Mrs Birch walks home past my house every night. Quiet dark lanes round here. Just saying.",
                Category::kThreat);
  ExpectRemoved("Miss Reid in those short skirts, no wonder the dads all want parents evening",
                Category::kSexual);
}

TEST_CASE("raging at nobody taking ownership, and copy-and-paste reports, are complaints") {
  ExpectAnsweredComplaint("I'm absolutely raging, the council and the school both say transport isn't their job and nobody will take ownership");
  ExpectAnsweredComplaint("Every report this year is copy and paste, same sentence for every child");
}

TEST_CASE("an adult's mother on the main road is no neglected child") {
  ExpectOkWithoutAlert("Road closures on the main road made us late for the concert, my mum had to walk with her stick");
}

TEST_CASE("abuse an adult suffered as a child years ago goes to the DSL for review, not hidden") {
  ExpectReviewedBySafeguardingLead("When I was a cub in the nineties, the leader used to put his hand on my knee in the minibus. Is he still volunteering with your Year 5 camp?");
}

TEST_CASE("a hashtag calling for someone to go, with another cue, is a campaign") {
  ExpectRemoved("#HollinsOut. Week three and she still thinks nobody knows what she did.",
                Category::kHarassment);
  ExpectOk("#FamilyDayOut at the farm was brilliant, thank you Year 2 team");
}

TEST_CASE("discomfort, hypocrisy, mixed messages and things left broken are complaints") {
  for (const char* text :
       {"I'm not comfortable with Year 4 being asked to share their family's income in a maths lesson",
        "A bit rich lecturing us about punctuality when the minibus was forty minutes late",
        "The heating in the sports hall hasn't worked for a fortnight and PE is still going ahead",
        "Letters, texts and the website all saying different things about the trip date",
        "One reminder the day before. It's not rocket science."}) {
    ExpectAnsweredComplaint(text);
  }
}

TEST_CASE("wishing a teacher gone for 'someone who actually' teaches is a dig; reminiscing asks nothing") {
  ExpectReviewed("Roll on the summer when Mr Oakes finally goes, then maybe Year 5 will get someone who actually explains things",
                 Category::kInsult);
  const Verdict v = Check("Remember when the whole county shut for the snow in 2018? Good times");
  INFO(Describe(v));
  CHECK_FALSE(v.needs_response);
}

TEST_CASE("sending people back, segregating disabled pupils, 'converting' children: hate") {
  for (const char* text :
       {"Lovely, another assembly about Eid. Send them all back",
        "Stick the autistic kids in a separate unit, they drag everyone's grades down",
        "A gay couple running the Year 3 residential? They'll be converting the kids next"}) {
    ExpectRemoved(text, Category::kHate);
    CHECK_FALSE(HasCategory(Check(text), Category::kPraise));
  }
}

TEST_CASE("a teacher's lonely way home, said as a question, is a veiled threat") {
  ExpectRemoved("Miss Akhtar cycles home along the canal path every evening doesn't she. Long dark walk that.",
                Category::kThreat);
}

TEST_CASE("a favourite kept secret, a family's silence, sextortion, flats with grown men") {
  const Verdict coach = Check("the man who runs cricket tells me im his best player and says not to tell my friends about the lifts");
  INFO(Describe(coach));
  CHECK(coach.safeguarding);
  CHECK_FALSE(HasCategory(coach, Category::kPraise));
  for (const char* text :
       {"Dad says we aren't allowed to mention it at school or we'll all get taken off him. My little sister cries every night",
        "Someone on Discord has my son's photos and says he'll share them with everyone in his school unless he sends £50",
        "A Year 10 girl told my daughter an older cousin drives her to flats with grown men on Fridays"}) {
    ExpectRemoved(text, Category::kSafeguarding);
  }
}

TEST_CASE("a rigged cast list for the head's niece is an allegation; a teacher in her swimsuit with a hot face is sexual") {
  ExpectReviewed("Funny how the cast list came out so the head's niece got the part. Wouldn't surprise me if it was fixed.",
                 Category::kDefamation);
  ExpectRemoved("Mrs Doyle in her cossie at the leisure centre 🥵", Category::kSexual);
}

TEST_CASE("topics of an online-safety evening or a police assembly are no disclosure") {
  for (const char* text :
       {"The online safety evening about sextortion and nude image sharing was eye-opening, all Year 9 parents should watch the recording",
        "Our Year 10s had a gangs and county lines assembly from the police today"}) {
    ExpectOkWithoutAlert(text);
  }
}

TEST_CASE("an adult's school days, told to warn about someone still there, are reviewed by the DSL") {
  ExpectReviewedBySafeguardingLead("When I was at Millbrook the swimming coach used to stand in the changing room and watch us undress. He's still there. I told my form tutor and nothing happened.");
}

TEST_CASE("fond chaos is praise, chaos every morning is a complaint; swearing described is not swearing") {
  const Verdict fond = Check("Bake sale was chaos but brilliant, well done PTA");
  INFO(Describe(fond));
  CHECK(HasCategory(fond, Category::kPraise));
  CHECK_FALSE(fond.needs_response);
  ExpectAnsweredComplaint("The car park at drop-off is chaos every single morning");
  ExpectOk("The man next door was effing and blinding at the bin men again");
}

TEST_CASE("lonely places and long memories, coded hate, favoured friends' children, a teacher the worse for wear") {
  ExpectRemoved("The moor is a lonely place at night, Mr Birkett. We have long memories round here.",
                Category::kThreat);
  ExpectRemoved("Another diversity hire for head of science, we all know what that means", Category::kHate);
  ExpectRemoved("The academy is more madrassa than school these days", Category::kHate);
  ExpectReviewed("Everyone knows Mr Sandhu moves his own mates' kids into the top sets", Category::kDefamation);
  ExpectReviewed("The PE teacher was obviously worse for wear at the county final", Category::kDefamation);
  ExpectRemoved("Graduation limo hire 40% off for leavers, DM today to book", Category::kSpam);
  ExpectOk("At Bakrid the animals are sacrificed at the farm and the meat shared with neighbours, Eid Mubarak from the mosque committee");
}

TEST_CASE("a child swept under with no instructor, an incident with a pupil, 'better off gone'") {
  ExpectSafeguarding("At the outdoor centre a girl got swept under by the current with no instructor for ten minutes");
  ExpectSafeguarding("Rumour is the new deputy left his old job over an incident with a Year 11 girl");
  ExpectRemoved("My lad in Year 10 told his sister he'd be better off gone", Category::kSafeguarding);
}

TEST_CASE("a small gripe and what would have been decent are complaints") {
  ExpectAnsweredComplaint("Just one small gripe, the parents were stood in the rain for the whole of sports day");
  ExpectAnsweredComplaint("It would have been the decent thing to ask parents before changing the uniform supplier");
}

TEST_CASE("the girls' changing rooms or the boys' toilets are facilities, not a group spoken about") {
  for (const char* text :
       {"The girls' changing rooms in the sports hall have no curtains and Year 9 feel really uncomfortable. This needs sorting.",
        "The boys\u2019 toilets by the hall have no locks on the doors and the Year 7s hate using them"}) {
    const Verdict v = Check(text);
    INFO(text << " -> " << Describe(v));
    CHECK_FALSE(HasCategory(v, Category::kHate));
    CHECK(v.verdict == VerdictKind::kOk);
  }
}


TEST_CASE("veiled threats: someone paying for it, a door gone through, where a boat is kept") {
  ExpectRemoved("If the coach leaves my daughter off the team sheet again someone's going to pay for it, mark my words", Category::kThreat);
  ExpectRemoved("Take my son off the trip and I'll put the deputy head through his own office window", Category::kThreat);
  ExpectRemoved("We know where your caravan is parked, Mrs Bramley. Sleep well.", Category::kThreat);
  ExpectRemoved("Tell Mr Haskins I'll see him at the gate at pick up, he won't be walking away this time", Category::kThreat);
  ExpectOk("Sleep well everyone, the Year 4 campers are home safe and very tired");
}

TEST_CASE("discrimination: reporting families to immigration, conspiracies, 'a school in ... now'") {
  ExpectRemoved("That new family on the estate are here illegally, I've reported them to the Home Office already", Category::kHate);
  ExpectRemoved("Jews own the exam boards so what do you expect", Category::kHate);
  ExpectRemoved("Foreigners come over here and get handed houses while our own children go without", Category::kHate);
  ExpectRemoved("St Anne's is basically a school in Pakistan now, not a single English face in the choir photo", Category::kHate);
}

TEST_CASE("allegations: money pocketed or creamed off, favouritism, insinuation") {
  // Theft stated as fact comes down; inferred ("obviously") or hearsay, a person weighs it.
  ExpectRemoved("The head of sixth form is creaming off the prom deposits, where else did it go",
                Category::kDefamation);
  ExpectReviewed("The head of sixth form is obviously creaming off the prom deposits",
                 Category::kDefamation);
  ExpectRemoved("Mr Poynter pockets the tuck shop money, everyone knows it", Category::kDefamation);
  ExpectReviewed("I've heard Mr Poynter pockets the tuck shop money", Category::kDefamation);
  ExpectReviewed("The cricket coach obviously favours the boys whose dads sponsor the club", Category::kDefamation);
  ExpectRemoved("Spotted Mrs Garnett at the offy again, bet her class can smell it on her breath. Keep watching everyone", Category::kHarassment);
}

TEST_CASE("complaints written without a complaint word") {
  ExpectAnsweredComplaint("Homework club is compulsory three nights a week now, they're eight, this is too much");
  ExpectAnsweredComplaint("Bake sale, wear something blue day and a raffle all in one week, some of us are genuinely skint");
  ExpectAnsweredComplaint("Keeping the Year 3s in at every wet play for a month? That isn't okay, they need to run around");
  ExpectAnsweredComplaint("Maybe if the office spent less time on the newsletter and more time answering the phone");
  ExpectAnsweredComplaint("Half the football team got let off detention for the cup final, one rule for some clearly");
}

TEST_CASE("scams: essays written to order, grants to claim, price lists by message") {
  ExpectRemoved("Dissertations written by PhD graduates, 100% undetectable, every subject, message us", Category::kSpam);
  ExpectRemoved("Families at Longmead are eligible for a £300 energy grant, claim before midnight at help-grant.example.org", Category::kSpam);
  ExpectRemoved("Halloween costumes wholesale from 50p each, DM for the price list", Category::kSpam);
}

TEST_CASE("a pupil's own disclosure and staff who make children undress are for the DSL") {
  ExpectRemoved("I flunked my history mock and dad went mental, sometimes on the bridge I wonder how easy it would be to just let go", Category::kSafeguarding);
  ExpectSafeguarding("The dance teacher makes the girls get changed in the studio in front of him with the door open");
  ExpectSafeguarding("Someone's sharing a photo of a Year 7 girl that's been photoshopped to look like she has nothing on");
  ExpectSafeguarding("abba amake maare every night, ar parchi na, keu help koro");
}

TEST_CASE("advice on what to do if, a character's name, a kind word about no moaning") {
  ExpectOkWithoutAlert("Great talk from the community officer on what to do if a child is asked to send nudes online");
  ExpectOk("Year 2 acted out George's Marvellous Medicine and Mr Twit from the other book got a cameo");
  ExpectOk("Our Year 5s did the coastal path in a gale and not one moan between them");
  ExpectOk("My youngest is playing the ass in the nativity and has been braying round the kitchen all week");
  ExpectOk("When do they stop surf lessons for winter? My board needs to go back to the hire place");
}
TEST_CASE("a warning that someone will get hurt is a complaint, not a disclosure or a threat") {
  ExpectOkWithoutAlert("Vans doing 40 past the infant gate at home time, I've emailed the council twice, sooner or later a kid will get knocked down");
  ExpectAnsweredComplaint("Vans doing 40 past the infant gate at home time, I've emailed the council twice, sooner or later a kid will get knocked down");
  ExpectOkWithoutAlert("The fence round the nature area pond has a gap in it, I've told the office, somebody's going to get hurt");
  // Harm to the writer, or harm already done, is still for the DSL.
  ExpectSafeguarding("I think someone will hurt me when I walk home past the garages");
  ExpectSafeguarding("somebody hurt my little sister at the park yesterday and she won't say who");
}
TEST_CASE("insinuations of favours: funny how, what a coincidence, a relative who works for the inspectors") {
  ExpectReviewed("Funny how the caretaker's contract went to the bursar's cousin, total coincidence I'm sure", Category::kDefamation);
  ExpectReviewed("Our rating went up the same term Mr Oduya's brother-in-law started working for Ofsted, funny that", Category::kDefamation);
  ExpectOk("Funny how the babies in Nursery are now taller than me, where did the time go");
}
TEST_CASE("a named pupil's family's unpaid bills are a private detail") {
  ExpectRemoved("Everyone knows the boy whose dad hasn't paid the trip money is Callum Treharne in 7R", Category::kPersonalData);
  ExpectRemoved("Her mum is behind on the rent again, that's Shania Pollitt in Year 4", Category::kPersonalData);
}
TEST_CASE("birds and Filipino food are not rude words") {
  ExpectOk("Year 1's nature walk spotted two blue tits, a cock pheasant and a woodpecker in the copse");
  ExpectOk("The parents' food fair had puto, lumpia and pierogi and the puto sold out first");
}

TEST_CASE("veiled threats: a knock on the door, the least of your worries, karma") {
  ExpectRemoved("Whoever spoke to the council about my extension can expect a knock on the door this weekend", Category::kThreat);
  ExpectRemoved("Inspectors will be the least of your worries, Mr Fairclough. Enjoy your last few days", Category::kThreat);
  ExpectReviewed("Karma always catches up with teachers like Miss Oyelaran", Category::kInsult);
}

TEST_CASE("hate: here for the benefits, grateful to be here, last time I checked") {
  ExpectRemoved("They came over here for the benefits and the school bends over backwards for them", Category::kHate);
  ExpectRemoved("Diwali assembly again. They should be grateful they're here and stop changing our traditions", Category::kHate);
}

TEST_CASE("complaints: a missed opportunity, a decision to review, a call expected, pointless") {
  ExpectAnsweredComplaint("Cancelling the Year 6 show with no rehearsal time left is a missed opportunity and I want this decision reviewed");
  ExpectAnsweredComplaint("My son was sent to isolation for a haircut and nobody rang me. I expect a call from his head of year today");
  ExpectAnsweredComplaint("Two minutes per teacher at parents' evening is completely pointless");
}

TEST_CASE("casinos, private details of a post's holder, and remarks about staff and pupils") {
  ExpectRemoved("Best online casino in the UK, 100 free spins and a welcome bonus for new players", Category::kSpam);
  ExpectRemoved("Mrs Quayle has been off because she lost the baby, please be kind to her", Category::kPersonalData);
  ExpectRemoved("The new bursar is on antidepressants, that explains the mistakes", Category::kPersonalData);
  ExpectOk("Letter about the head lice outbreak in Year 2 came out a week late");
  ExpectRemoved("Miss Ferreira at the summer fair, I'd happily take a detention off her", Category::kSexual);
  ExpectRemoved("Any of them Year 11 girls single? 😍", Category::kSexual);
}

TEST_CASE("safeguarding in everyday words: tablets, injuries again, parcels, a marriage, left behind") {
  ExpectRemoved("been taking some of mums sleeping tablets every night and nobody knows, i dont really care anymore", Category::kSafeguarding);
  ExpectRemoved("Jaxon Birtwistle in 3F came in with his arm bandaged again, third injury this term. Someone needs to look at that family", Category::kSafeguarding);
  ExpectSafeguarding("His cousin pays him £40 a time to drop off parcels in Bradford after school");
  ExpectSafeguarding("Two of the girls were left behind at the motorway services on the way back from the trip, how does that happen");
  ExpectSafeguarding("A toddler's been left in a hot car outside the sports hall for twenty minutes");
  ExpectSafeguarding("my swimming coach says I can stay over at his flat after training and he'll get me some beers");
  ExpectRemoved("he gives me sweets as long as I don't tell mum", Category::kSafeguarding);
  ExpectSafeguarding("My daughter says Kayla gets collected by different grown men and isn't allowed to say who they are");
  ExpectSafeguarding("binubugbog daw siya ng tatay niya tuwing gabi");
}

TEST_CASE("insults in Tagalog, Slovak, Arabic and Somali") {
  ExpectRemoved("Ang guro ng Year 5 ay gago, walang kwenta", Category::kInsult);
  ExpectRemoved("Ta ucitelka je krava", Category::kInsult);
  ExpectRemoved("el mudeer kalb", Category::kInsult);
  ExpectRemoved("macallinka waa doqon", Category::kInsult);
}

TEST_CASE("a teacher who can't cope, a child sent home sunburnt: no alert") {
  ExpectReviewed("Mr Peabody clearly can't cope with thirty of them and is out of his depth", Category::kInsult);
  ExpectOkWithoutAlert("Sun cream rules again, my four year old can't do his own back. He came home burnt.");
}
TEST_CASE("a named child given an age, and a volunteer filming children") {
  const Verdict named = Check("Ruby Gallagher keeps sending pictures of herself to older lads on Snapchat. She's 13.");
  INFO(Describe(named));
  CHECK(named.verdict == VerdictKind::kRemove);
  CHECK(named.safeguarding);
  CHECK(named.personal_data);
  // An adult helping the school is for the DSL to look into (review), not a child exposed.
  ExpectReviewedBySafeguardingLead("One of the parent volunteers at Beavers was filming the boys in the changing room on his phone");
  // A baby's age in weeks is not a child's age in years.
  ExpectOk("Congratulations to Amelia Hartley from the office on her new baby, he's 3 weeks old and gorgeous");
}
TEST_CASE("a visitor who spoke to a class about a danger taught it; a parent's talk at home still alerts") {
  ExpectOkWithoutAlert("A PCSO came in to talk to the Year 9s about knife crime and county lines, really well pitched");
  ExpectSafeguarding("I talked to my son about the older lads and the county lines stuff and he went quiet");
}

TEST_CASE("complaints: the point of it, answering for it, no reply, same rules, keeping children off") {
  ExpectAnsweredComplaint("What's the point of a homework app if half the teachers never set anything on it");
  ExpectAnsweredComplaint("The trustees will have to answer for the state of the science block");
  ExpectAnsweredComplaint("Eight days and not a single reply about the bus pass. If I don't hear by Monday I'm going to the local authority");
  ExpectAnsweredComplaint("Same rules for staff as for us please, the staff car park gate is always propped open");
  ExpectAnsweredComplaint("I'll be keeping mine off that day, a non-uniform charge for a half day is a joke");
}

TEST_CASE("money that went missing, just saying; a named pupil's medicine") {
  ExpectReviewed("Heard the old bursar left in a hurry over trip money that went missing. Just saying", Category::kDefamation);
  ExpectRemoved("Please can staff on the residential remember Leo Brannigan in 6M is on melatonin and needs it at 8pm", Category::kPersonalData);
}
TEST_CASE("good luck to the girls this weekend, a door knob: no alarm") {
  ExpectOkWithoutAlert("Congratulations to the Year 11 girls in the rugby sevens at the weekend");
  ExpectOkWithoutAlert("Good luck to the Under 13 girls in the cup this weekend, go get them");
  ExpectOk("The knob has come off the music room door again, the kids got shut in at lunch");
}

TEST_CASE("veiled threats: you won't enjoy it, meet outside school; hate: what have they contributed") {
  ExpectRemoved("Sports day Friday. I'll be on the field. Mr Greenhalgh won't enjoy it, I can promise him that", Category::kThreat);
  ExpectRemoved("Asi school de bahar milange, changa nahi hovega", Category::kThreat);
  ExpectRemoved("Diwali week again. What have they ever contributed to this town", Category::kHate);
}

TEST_CASE("allegations and mild insults: a nice little earner, letting pupils vape, teaching isn't for her") {
  ExpectReviewed("Word is the catering contract is run by one of the governors' brothers. Nice little earner", Category::kDefamation);
  ExpectReviewed("Mr Akinola lets the Year 10 lads vape behind the science block", Category::kDefamation);
  ExpectReviewed("Maybe teaching just isn't for her, she can't control that class", Category::kInsult);
}

TEST_CASE("complaints in English, Urdu and Portuguese: costs, consistency, not right") {
  ExpectAnsweredComplaint("Please keep the cost down, not everyone can stretch to £25 for a disco");
  ExpectAnsweredComplaint("Bache ko bukhar tha phir bhi PE karwaya, yeh theek nahi hai, please dhyan rakhein");
  ExpectAnsweredComplaint("Isto não está certo, quero falar com a diretora");
}

TEST_CASE("safeguarding: not being around, a parent's tablets, a refuge, radical videos, a girl kept home") {
  ExpectRemoved("after christmas i wont be around to do any of them anyway", Category::kSafeguarding);
  ExpectRemoved("ive been looking at mums tablets in the bathroom cupboard again", Category::kSafeguarding);
  ExpectSafeguarding("We're in a refuge and their dad is looking for us, please take my daughter's photo down");
  ExpectSafeguarding("Fetița vecinei nu a mai venit la școală de o lună, cred că o țin acasă");
}

TEST_CASE("insults in Portuguese, Yoruba, Nepali and Urdu") {
  ExpectRemoved("A professora de inglês é preguiçosa e não serve para nada", Category::kInsult);
  ExpectRemoved("Olodo ni head teacher yi", Category::kInsult);
  ExpectRemoved("Yo teacher murkha ho", Category::kInsult);
  ExpectRemoved("Mr Khan jahil aadmi hai", Category::kInsult);
}
TEST_CASE("a child filmed by others reaches the DSL; an attack someone filmed is no threat by the writer") {
  ExpectSafeguarding("Someone filmed my daughter at the bus stop and now it's all over the estate");
  const Verdict filmed = Check("Some lads filmed my son getting jumped and put it on Snapchat");
  INFO(Describe(filmed));
  CHECK(filmed.safeguarding);
  CHECK_FALSE(HasCategory(filmed, Category::kThreat));
  ExpectRemoved("you're getting jumped after school", Category::kThreat);
}
TEST_CASE("spam: a discount code and a link on a subdomain; threats to cameras and signs; Bengali insults") {
  ExpectRemoved("Massive back to school sale, 60% off all lunchboxes and bottles at kitbag.outlet.example.org use code BTS60 at checkout", Category::kSpam);
  ExpectOk("Book your child's flu jab at clinic.example.org, use the code on the letter");
  ExpectRemoved("Carry on towing cars from outside the gates and see what happens to those signs", Category::kThreat);
  ExpectRemoved("Ami bolchi oi teacher ekta kuttar bachcha", Category::kInsult);
  ExpectRemoved("Oi headmaster ekta haramjada", Category::kInsult);
}
TEST_CASE("an insult with its person after it; where a named person has moved to") {
  ExpectRemoved("Denholm quit in the middle of exams, the selfish coward he always was", Category::kInsult);
  ExpectOk("I explained the bully they were describing was not in his class");
  ExpectRemoved("Mrs Haldane has moved into the cottage on Mill Lane, go and tell her what you think", Category::kPersonalData);
  ExpectRemoved("she's moved to Beech Avenue now", Category::kPersonalData);
  ExpectOk("The nursery has moved to Station Road");
  ExpectOk("my son has moved to Elm Road");
}
TEST_CASE("traps: a name, a stone wall, a quoted sign from history, a hard-hitting play") {
  ExpectOk("Shital from the PTA has done an amazing job with the summer fair");
  ExpectOk("The Year 5s helped the ranger repair a dry stone dyke by the reservoir");
  ExpectOk("Our history topic this week: Grandma told the class about the 'No Irish, No Blacks, No Dogs' signs she remembers from Leeds");
  ExpectOkWithoutAlert("Hard-hitting assembly from the road safety team today, the film where a boy gets hit by a car and his dad finds out was tough to watch");
  ExpectOkWithoutAlert("The Year 10 play about county lines was brilliant, the scene where the older lad gets stabbed in the park left everyone silent");
  ExpectSafeguarding("my stepdad hit me in the scene dock after the play");
}
TEST_CASE("a complaint about the girls' changing room is answered, never hidden as hate") {
  ExpectAnsweredComplaint("The toilets by the hall have no locks. This needs sorting.");
  const Verdict v = Check("The girls changing room has no curtains and Year 10 are uncomfortable, something needs looking into");
  INFO(Describe(v));
  CHECK(v.verdict != VerdictKind::kRemove);
  CHECK(HasCategory(v, Category::kComplaint));
  ExpectRemoved("keep that lesbian teacher out of the girls changing room", Category::kHate);
}
TEST_CASE("insults: the spine of a jellyfish, 'wot a pack of'; a stab vest; Bulgarian, Romanian and Polish") {
  ExpectRemoved("The deputy has the spine of a jellyfish", Category::kInsult);
  ExpectRemoved("wot a pack of numpties, they cant even sort a raffle", Category::kInsult);
  ExpectRemoved("You might want to wear a stab vest to parents evening Mrs Okon", Category::kThreat);
  ExpectRemoved("Uchitelkata e kopele, eba vi maikata", Category::kProfanity);
  ExpectRemoved("Sunteti niste idioti, du-te dracu", Category::kProfanity);
  ExpectReviewed("Co za burdel na parkingu rano", Category::kProfanity);
  ExpectOk("We had eba and egusi soup at the international food day");
}

TEST_CASE("complaints: heads will roll, going to the press, a clown show") {
  ExpectAnsweredComplaint("If this happens again heads will roll");
  ExpectAnsweredComplaint("I'm tempted to go to the press about the state of the toilets");
  ExpectReviewed("What a clown show that summer fayre was, no change for the tombola and no tables", Category::kComplaint);
}
TEST_CASE("a group given the wrong thing is no hate; an insult denied is no insult") {
  ExpectOk("The Polish families got the wrong letter about the trip");
  ExpectOk("The halal trays were on the wrong table at the summer fair");
  ExpectRemoved("Roma families are the problem round here", Category::kHate);
  ExpectOk("Mrs Bell isn't useless, she's just overwhelmed");
  ExpectRemoved("Mr Cole is not just lazy, he is a liar", Category::kInsult);
}
TEST_CASE("personal data: a double-barrelled surname, a child who wet himself, a house by its name") {
  ExpectRemoved("Everyone knows Poppy Hale-Dean in 9R is in foster care", Category::kSafeguarding);
  const Verdict named = Check("Everyone knows Poppy Hale-Dean in 9R is in foster care");
  CHECK(named.personal_data);
  ExpectRemoved("Ellis Wragg-Hunter in 8F wet himself in assembly", Category::kPersonalData);
  ExpectRemoved("Mrs Gatley lives at Bramble Cottage past the church, go and knock", Category::kPersonalData);
  ExpectOk("My nan lives in a cottage by the sea");
  ExpectAnswered("My son still wears nappies at night, should I tell Mrs Shah?");
  ExpectOk("My son still wears nappies at night, should I tell Mrs Shah?");
}
TEST_CASE("a website that has beaten her is no harm; you'll be sorry; share and comment to win") {
  ExpectOkWithoutAlert("My mum only reads Polish and the new booking website has beaten her three times");
  ExpectSafeguarding("my neighbour's boyfriend has beaten her twice");
  ExpectRemoved("Whoever took my son's bike, you'll be sorry", Category::kThreat);
  ExpectRemoved("Half term treat for island families, share this post and comment BEACH for a chance of two passes", Category::kSpam);
  ExpectAnswered("Please share this post and like our page to help the PTA reach more families");
}

TEST_CASE("Hungarian, Slovak and Czech insults; complaints in Urdu and Slovak; nepotism and copying alleged") {
  ExpectRemoved("Ez az igazgato egy hulye, baszd meg", Category::kProfanity);
  ExpectRemoved("Ten ucitel je kokot", Category::kProfanity);
  ExpectAnsweredComplaint("The trip was cancelled so refunds please");
  ExpectAnsweredComplaint("I want this raised with the governors");
  ExpectAnsweredComplaint("Banning one flag and not the other is picking sides");
  ExpectAnsweredComplaint("Jawab chahiye, teesri dafa likh raha hoon");
  ExpectAnsweredComplaint("Takto to dalej nejde, nikto mi neodpovedal");
  ExpectReviewed("The new receptionist is the head's niece, funny that", Category::kDefamation);
  ExpectReviewed("Mrs Pym lets her class copy in the tests, that's why the scores are high", Category::kDefamation);
}
TEST_CASE("what happened to the writer's own child, told with a pronoun, is theirs to tell") {
  ExpectAnsweredComplaint("Mr Pruitt shouted at my 6 year old until she wet herself, I'm going to the governors");
  ExpectOk("Mr Pruitt shouted at my 6 year old until she wet herself, I'm going to the governors");
}
TEST_CASE("'is' in Czech and Bulgarian joins a member of staff to what they are called") {
  ExpectReviewed("Pani reditelka je neschopna, nic se nezmenilo", Category::kInsult);
  ExpectRemoved("Direktorkata e tupa", Category::kInsult);
}
TEST_CASE("safeguarding told in Romanian, Polish, Nepali, Portuguese, Tamil and Kurdish") {
  ExpectSafeguarding("Tata e plecat de o luna si nu mai avem bani de mancare");
  ExpectSafeguarding("Boję się wracać do domu, tata znowu krzyczy");
  ExpectSafeguarding("Mero bhai le bholi chakku lyauchhu bhanchha school ma");
  ExpectSafeguarding("Um homem perguntou ao meu filho se quer ir ver os gatinhos no carro dele");
  ExpectSafeguarding("O treinador fica passando a mão na perna da minha filha");
  ExpectSafeguarding("naan illama irundha ellarukkum nalla irukkum nu sonnan");
  ExpectSafeguarding("Zarokên mezin pereyê wî distînin û lê dixin");
}

TEST_CASE("threats, insults and hate in Kurdish, Arabic, Tamil and Portuguese; hate said without a group word") {
  ExpectRemoved("Ez ê li ber deriyê dibistanê li benda wê bim", Category::kThreat);
  ExpectRemoved("el modarres da 7mar", Category::kInsult);
  ExpectRemoved("antha teacher oru loosu naaye", Category::kInsult);
  ExpectRemoved("Os ciganos são imundos, tirem eles daqui", Category::kHate);
  ExpectRemoved("Honestly they ought to be grateful they're let in at all", Category::kHate);
  ExpectRemoved("Go and pray in your own country", Category::kHate);
}

TEST_CASE("letters in negative squares, 'fock off', oinking at a teacher; a Japanese surname") {
  ExpectRemoved("🅱🅸🆃🅲🅷 of a head", Category::kProfanity);
  ExpectRemoved("fock off with your fines", Category::kProfanity);
  ExpectRemoved("Mrs Dunn oink oink", Category::kHarassment);
  ExpectOk("Congratulations to Kenji Fukuda on his grade 8 piano");
}
TEST_CASE("the state of the toilets is a complaint; the state of a teacher's hair is mockery") {
  ExpectAnsweredComplaint("Someone needs to take responsibility for the state of the toilets");
  ExpectOk("The state of the playground after the fair is a disgrace");
  ExpectRemoved("Have you seen the state of the PE teacher's hair 😂", Category::kHarassment);
  ExpectRemoved("The new deputy gets dressed in the dark by the look of it", Category::kHarassment);
}

TEST_CASE("tyres threatened, a meff, a hand in the PTA tin, solos for friends' kids, time to find another career") {
  ExpectRemoved("Park across my gate again and see if your wing mirrors survive the week", Category::kThreat);
  ExpectRemoved("The lad who runs the uniform swap is a right meff", Category::kInsult);
  // Theft stated as fact comes down; said of as a rumour, a person weighs it.
  ExpectRemoved("Mr Roper had his hand in the PTA tin at the Christmas fair, funny how he's got "
                "a new van",
                Category::kDefamation);
  ExpectReviewed("Word is Mr Roper had his hand in the PTA tin at the Christmas fair",
                 Category::kDefamation);
  ExpectReviewed("The head gives the solos to her mates' kids every year", Category::kDefamation);
  ExpectReviewed("Maybe it's time he found a different career", Category::kInsult);
}
TEST_CASE("a sex called worse at a subject is hate; a child's own doubts are not") {
  ExpectRemoved("Women are just rubbish at leadership", Category::kHate);
  ExpectOk("Boys are naturally worse at sitting still in my experience");
  ExpectOk("My daughter thinks she's naturally bad at maths, any tips?");
}
TEST_CASE("asking for a photo to come down, consent not given, a thing that needs handling better") {
  ExpectAnswered("Could you get the sports day video off the page please, my son is in the front row");
  ExpectAnswered("Please take that picture down, her dad is not allowed to know where she is");
  ExpectAnsweredComplaint("We never gave permission for our twins to be on the newsletter");
  ExpectAnsweredComplaint("Collecting the dinner money needs to be handled more privately");
  ExpectAnsweredComplaint("The lift at the sixth form block is still out of order and my son is on crutches");
  ExpectOk("Please take care on the roads this evening, the lane is icy");
}
TEST_CASE("a name said twice, a dyke in the fields, a lesson or evening about a harm, a pupil congratulated") {
  ExpectOk("Big thanks to Dick Hollins for fixing the minibus, cheers Dick");
  ExpectOk("The Year 5 pond-dippers found newts along the dyke behind the field");
  ExpectOkWithoutAlert("Thank you for the assembly on self-harm, my son said it was really helpful");
  ExpectSafeguarding("after the assembly on self harm I realised I've been cutting my legs for months");
  ExpectOkWithoutAlert("Really useful knife crime and county lines evening for parents last night, thank you");
  ExpectOkWithoutAlert("The Safer Internet Day letter mentions nudes and sextortion, is it the same talk for Year 4?");
  ExpectOk("Well done to Tobias Mensah in 9R for his county cross-country medal");
  ExpectRemoved("So proud of Freya Lund in 4C, she's coping so well with her epilepsy", Category::kPersonalData);
}

TEST_CASE("faces put on naked pictures, a missing child's appeal, child labour and fear in community languages") {
  ExpectSafeguarding("someone has put year 8 girls' faces onto naked pictures and it's going round the group chat");
  ExpectSafeguarding("PLEASE SHARE our Devon, 13, left the house at 2am, he doesn't have his phone with him, might be near the canal");
  ExpectSafeguarding("Mere bhai ka beta 13 saal ka hai aur subah se raat tak factory mein kaam karta hai, school jaate hue dekha hi nahi");
  ExpectSafeguarding("Moja dcéra sa bojí chodiť do školy, chlapci ju bijú. Prosím, pomôžte nám.");
  ExpectSafeguarding("Tata pleacă la muncă noaptea și eu rămân singur cu sora mea. Am 10 ani.");
  ExpectSafeguarding("Wiilkayga ayaa ii sheegay in rag waaweyn ay lacag siiyaan si uu baakado u qaado");
}

TEST_CASE("a parent's trade is an advert to review; a deposit by bank transfer is a scam") {
  ExpectReviewed("Experienced science tutor, GCSE and A level, £35 an hour, message me for slots", Category::kSpam);
  ExpectRemoved("Hajj packages from £2,999, limited places left, pay deposit now via bank transfer, WhatsApp 07700 900123", Category::kSpam);
}

TEST_CASE("a removal hashtag, an insult for those set apart, need not praise, a first name and class with a family detail") {
  ExpectRemoved("Posting every day until Henderson goes #HendersonOut", Category::kHarassment);
  const Verdict diwali = Check("Happy Diwali to all our families, apart from the idiots letting fireworks off at 3am");
  INFO(Describe(diwali));
  CHECK_FALSE(HasCategory(diwali, Category::kHate));
  const Verdict needs = Check("Some of you need to stop whispering about whose kid is special needs. Grow up.");
  INFO(Describe(needs));
  CHECK_FALSE(HasCategory(needs, Category::kPraise));
  ExpectRemoved("Zofia in 7K's mum is in rehab again, that's why she's always late", Category::kPersonalData);
}

TEST_CASE("why a teacher left, straight off the boat, more than a plaster, a profile left public, patronising messages") {
  ExpectReviewed("Everybody knows why the music teacher left. Ask anyone.", Category::kDefamation);
  ExpectRemoved("Half the new dinner staff are straight off the boat", Category::kHate);
  ExpectRemoved("Lay a finger on my lad again and you'll need a dentist", Category::kThreat);
  ExpectRemoved("Mr Dale's Instagram profile is public, go have a look before he locks it", Category::kHarassment);
  ExpectAnsweredComplaint("The message about lateness came across as patronising to working parents");
  ExpectAnsweredComplaint("Not all of us are on teachers' pensions, £15 for a disco is a lot");
}
TEST_CASE("a visiting officer's talk, a family in hiding, neglect told plainly, harm at home in Polish and Portuguese") {
  ExpectOkWithoutAlert("The community PCSO spoke about sexting and nudes with the Year 8s today, very sensible");
  ExpectReviewedBySafeguardingLead(
      "Please keep my twins off the website, we left their father and he can't know which school they're at now");
  ExpectSafeguarding("Jakub Nowak in 3W is always smelly and has nits, his mum never washes his clothes");
  ExpectSafeguarding("haven't had any dinner for two nights, mum says no money until payday");
  ExpectRemoved("Ojczym znowu bił mamę. Boję się dzisiaj wracać do domu", Category::kSafeguarding);
  ExpectRemoved("Ele entra no meu quarto quando a minha mãe sai. Não sei a quem contar.", Category::kSafeguarding);
}

TEST_CASE("a pupil named with a bare class code, a concern kept off the page, a lift home alone, a clip from the toilets") {
  ExpectRemoved("Kai Doherty 8J is getting jumped at the park after school, everyone knows he walks home past the shops",
                Category::kPersonalData);
  ExpectReviewedBySafeguardingLead(
      "I've got a safeguarding concern about a child in the juniors but don't want to put it on Facebook");
  ExpectOkWithoutAlert("Is there a way to raise a worry about a pupil privately?");
  ExpectReviewedBySafeguardingLead(
      "The swimming coach drove my son home on his own without asking us, felt a bit off");
  ExpectRemoved("There's a clip going round of a Year 9 boy filmed in the toilets, please can it be stopped",
                Category::kSafeguarding);
  ExpectRemoved("Georgia Bell in 5S has a severe nut allergy and her mum wants the whole class to go nut free",
                Category::kPersonalData);
}

TEST_CASE("past it is an insult and too old is hate; a farewell is neither") {
  ExpectReviewed("Mr Fenwick should just retire, the lessons are all worksheets now", Category::kInsult);
  const Verdict retire = Check("Mr Fenwick should just retire, the lessons are all worksheets now");
  INFO(Describe(retire));
  CHECK_FALSE(HasCategory(retire, Category::kHate));
  CHECK_FALSE(retire.needs_response);
  ExpectRemoved("Mr Fenwick is far too old to be teaching PE", Category::kHate);
  ExpectOk("Sad to see Mrs Holt go, she should retire proud of thirty wonderful years");
}

TEST_CASE("threats with brothers or regret, spreading a screengrab, hate told as rules or hiding, an overgrown schoolgirl") {
  ExpectRemoved("Bringing a few of my brothers round to sort him out", Category::kThreat);
  ExpectRemoved("If my daughter's place isn't confirmed somebody in that office is going to regret it", Category::kThreat);
  ExpectOk("Bringing the boys down to the summer fair to help put up the gazebos");
  ExpectRemoved("Screengrab her insta and send it around everyone", Category::kHarassment);
  ExpectRemoved("Don't like our flag? Their country their rules, ours should be ours", Category::kHate);
  ExpectRemoved("Why are the SEN kids even allowed on the residential", Category::kHate);
  ExpectOk("If you don't like the new homework policy you know where the door is");
  ExpectRemoved("Papists should keep their schools to themselves", Category::kHate);
  ExpectRemoved("Mrs Rowe is an overgrown schoolgirl and the whole class laughs at her behind her back",
                Category::kInsult);
  ExpectOk("My husband is an overgrown kid at Christmas");
}

TEST_CASE("frustration before a question, faint praise, Nepali swearing, complaints in Polish and Portuguese, an advert per face") {
  ExpectReviewed("FFS can anyone tell me if the car park is open", Category::kQuery);
  ExpectAnsweredComplaint("Mr Roper is a pleasant enough man but he has no control over the class");
  ExpectRemoved("Sala muji, tyo sir le kehi kaam gardaina", Category::kProfanity);
  ExpectOk("Got the pencil cases from Muji, they're great");
  ExpectAnsweredComplaint("Wszyscy pytają, nikt nie odbiera telefonu w szkole");
  const Verdict phone = Check("Wszyscy pytają, nikt nie odbiera telefonu w szkole");
  INFO(Describe(phone));
  CHECK_FALSE(phone.safeguarding);
  ExpectAnsweredComplaint("Que vergonha, ninguém nos disse nada sobre a excursão");
  ExpectAnsweredComplaint("Nikt nam nie powiedział, że wycieczka jest odwołana");
  ExpectReviewed("Prom makeup, £30 per face, DM me to book", Category::kSpam);
}
TEST_CASE("no point after the exams, nobody to collect me, court reasons, a refuge, a stranger asking who a child is") {
  ExpectRemoved("not going to be around after the exams anyway so revision is pointless", Category::kSafeguarding);
  ExpectOkWithoutAlert("I won't be here after the holidays, can someone else collect the lost property");
  ExpectRemoved("no one's come to pick me up and reception is locked, it's nearly dark", Category::kSafeguarding);
  ExpectReviewedBySafeguardingLead(
      "Can the sports day video come down please, one of the boys in it can't be shown online for child protection reasons");
  ExpectReviewedBySafeguardingLead("The Lee kids are stopping in the refuge with their mum till it's sorted");
  ExpectReviewedBySafeguardingLead(
      "Who is the little ginger boy in the front of the choir photo? I'd like to send him a message");
  ExpectReviewedBySafeguardingLead("Word is a Year 11 got knifed outside the chippy last night");
  ExpectRemoved("Lewis in 9T is getting merked at the bus stop Monday", Category::kThreat);
  ExpectRemoved("Those autistic kids wreck every lesson. Send them off to special schools and let ours learn",
                Category::kHate);
  ExpectRemoved("Jade Morris in Year 5's mum drives the school run half cut with her sat in the front",
                Category::kSafeguarding);
}
TEST_CASE("doubled letters in a stretched swear word") {
  ExpectRemoved("ffuuuckk this homework", Category::kProfanity);
  ExpectOk("Goooood luck to the netball team");
}

TEST_CASE("a religious fast") {
  ExpectOkWithoutAlert("Our son is fasting for Ramadan and nearly fainted in PE. Can he sit out till Eid?");
  ExpectOkWithoutAlert("She's fasting for Lent and keeps nearly fainting at netball, is that normal lol");
  ExpectSafeguarding("she's skipping every meal and nearly fainted at netball, she says she needs to be thinner");
}
TEST_CASE("a group named by an insult, sneers at festivals and dress, taxes and boats, Slovak") {
  ExpectRemoved("Those Lithuanian shoplifters are ruining the high street", Category::kHate);
  ExpectRemoved("Diwali this, Hanukkah that. Start fitting in or get back home", Category::kHate);
  ExpectRemoved("It's nothing but headscarves round here now", Category::kHate);
  ExpectRemoved("The town went downhill since the Albanians moved in", Category::kHate);
  ExpectRemoved("Why should my taxes pay for boat people's phones", Category::kHate);
  ExpectRemoved("Cig\xc3\xa1ni nech sa vr\xc3\xa1tia domov", Category::kHate);
  // An insult with an age in it is one person's, not a group's.
  const Verdict witch = Check("That dinner lady is a miserable old witch");
  INFO(Describe(witch));
  CHECK_FALSE(HasCategory(witch, Category::kHate));
}

TEST_CASE("sexual come-ons, resold tickets, leaked papers, a campaign, an apostrophe for a letter") {
  ExpectRemoved("If you're bored while your husband's at work, inbox me \xf0\x9f\x98\x89",
                Category::kSexual);
  ExpectRemoved("Mum in the red dress at the fete, 10/10 would \xf0\x9f\x94\xa5", Category::kSexual);
  ExpectRemoved("Two tickets for the Year 6 disco, \xc2\xa3" "40, PayPal friends and family only",
                Category::kSpam);
  ExpectRemoved("GCSE papers leaked, DM for the bundle", Category::kSpam);
  ExpectRemoved("I'll comment on every single post you put up until you admit it",
                Category::kHarassment);
  ExpectRemoved("f'cking shambles this sports day", Category::kProfanity);
  ExpectRemoved("Gary you're talking out your backside again", Category::kInsult);
}

TEST_CASE("allegations of favouritism and convictions, full names of adults") {
  ExpectReviewed("Everyone knows Mrs Dunmore lets her favourites off detention", Category::kDefamation);
  ExpectRemoved("Leanne Whitlow off the PTA got done for shoplifting", Category::kDefamation);
  ExpectReviewed("Everyone says Wendy Marsh has been fiddling the tombola money", Category::kDefamation);
}

TEST_CASE("a threat to hold a child under, sneaking out to swim, follow requests, left alone") {
  ExpectRemoved("If that boy kicks my son again I'll hold his head under the water myself",
                Category::kThreat);
  ExpectSafeguarding("If that boy kicks my son again I'll hold his head under the water myself");
  ExpectReviewedBySafeguardingLead(
      "Some of the Year 9s are sneaking out after lights out to swim in the reservoir, someone's going to drown");
  CHECK(HasRule(Check("A grown man's account keeps sending follow requests to year 8 girls"),
                "safeguarding:exploitation"));
  ExpectReviewedBySafeguardingLead("The twins across the road get left on their own for the whole weekend");
  ExpectReviewedBySafeguardingLead(
      "Un b\xc4\x83rbat \xc3\xaei d\xc4\x83 dulciuri fetei mele \xc8\x99i o \xc3\xaentreab\xc4\x83 unde locuie\xc8\x99te");
  CHECK(HasRule(Check("kipping on a mates floor since my mam said i cant come back home"),
                "safeguarding:neglect"));
}

TEST_CASE("money offered to children in secret, a year group speaking, an account is no violence") {
  ExpectRemoved(
      "you girls were amazing at the gala, want to earn \xc2\xa3" "20 doing a job for me? add me on insta, don't tell your mums",
      Category::kSafeguarding);
  ExpectRemoved("they said if us year 8s tell anyone they'll batter us", Category::kSafeguarding);
  ExpectOkWithoutAlert("Selling my old maths revision guides, snap me");
  ExpectOkWithoutAlert("Grateful Year 10 had a session with the Samaritans about suicide prevention");
}
TEST_CASE("service families, classes written Y10, radicalisation, children locked out, Urdu and Punjabi") {
  ExpectOkWithoutAlert("Mrs Hale has always been lovely with forces kids, ask any of the camp families");
  ExpectReviewed("Jayden Kettle in Y10 got his photo in the paper for the cross country",
                 Category::kPersonalData);
  ExpectReviewedBySafeguardingLead(
      "My Year 7 lad has been watching videos saying migrants are invading and keeps talking about remigration");
  CHECK(HasRule(Check("Bhai ko uska chacha maarta hai, woh ghar jaane se darta hai"), "safeguarding:abuse"));
  ExpectReviewedBySafeguardingLead("Saade gawandi da munda kehnda ghar kuch khaan nu nahi");
  // Stated as fact, the accusation comes down; the DSL still hears of it.
  ExpectRemoved("The new PE teacher got sacked from his last school for touching kids, look it up",
                Category::kDefamation);
  ExpectSafeguarding(
      "The new PE teacher got sacked from his last school for touching kids, look it up");
  ExpectAnsweredComplaint("do teen baar email kiya koi jawab nahi");
}

TEST_CASE("veiled threats of being seen, gifts and dead men walking, arson, lifts for pupils") {
  ExpectRemoved("Spotted you at the garden centre with your kids on Saturday Mrs Allerton. Nice car by the way",
                Category::kThreat);
  ExpectRemoved("I'm coming to the nativity with a present for the head. She won't forget it",
                Category::kThreat);
  ExpectRemoved("Dead man walking, Mr Keel.", Category::kThreat);
  ExpectRemoved("I'll put that caretaker through a window if he shouts at my son again", Category::kThreat);
  ExpectRemoved("Windy night tonight, perfect night for that staff room to go up", Category::kThreat);
  ExpectRemoved("Any of the year 11 girls want a lift to the party, message me", Category::kSafeguarding);
  ExpectRemoved("Share this post to enter and win an iPad, pay \xc2\xa3" "1 at the link", Category::kSpam);
  ExpectRemoved("Real girls from Bolton waiting to video chat with you, tap my page", Category::kSpam);
}

TEST_CASE("a blade kept for bad days, a child named as the one in a shared video, parents' evening") {
  ExpectRemoved("i hide a blade in my pencil case for when it gets too much", Category::kSafeguarding);
  const Verdict named = Check("the boy in 8T whose video got shared is Callum Reddy, everyone's seen it");
  INFO(Describe(named));
  CHECK(named.verdict == VerdictKind::kRemove);
  CHECK(named.safeguarding);
  CHECK(named.personal_data);
  const Verdict evening = Check("What a fcking joke this parents evening system is");
  INFO(Describe(evening));
  CHECK_FALSE(HasCategory(evening, Category::kHarassment));
}

TEST_CASE("sessions on a topic, a face as a place, door knobs, staff car parks, verdicts on things") {
  ExpectOkWithoutAlert("Loved the Year 9 session on self-harm and who to talk to, thank you");
  ExpectOk("The goat at the petting farm sneezed right in Mr Okafor's face \xf0\x9f\x98\x82");
  ExpectOk("The knob on the nursery door is wobbly again, someone could trap a finger");
  const Verdict scratched = Check("Someone's van got scratched in the staff car park, any CCTV?");
  INFO(Describe(scratched));
  CHECK_FALSE(HasCategory(scratched, Category::kThreat));
  const Verdict policy = Check("The homework policy is out of touch with working families");
  INFO(Describe(policy));
  CHECK_FALSE(HasCategory(policy, Category::kInsult));
  const Verdict head = Check("The head is out of touch");
  INFO(Describe(head));
  CHECK(HasCategory(head, Category::kInsult));
  ExpectReviewed("Well done school for losing my son's reading book again", Category::kComplaint);
}

TEST_CASE("Bulgarian and Lithuanian disclosures, a child shut away, an insult as a subject, pics") {
  ExpectSafeguarding("Momicheto kazva che bashta i ya bie s remaka");
  ExpectSafeguarding("Mano vaikas sako, kad treneris jam duoda pinig\xc5\xb3 ir liepia niekam nesakyti");
  ExpectReviewedBySafeguardingLead(
      "Mrs Dale shut my son in a side room by himself for the whole afternoon. Is that allowed?");
  ExpectRemoved("Silly old fool thinks parents have nothing better to do", Category::kInsult);
  ExpectRemoved("We know where you drink on Saturdays Mr Baines", Category::kThreat);
  ExpectRemoved("I won't be leaving quietly on Monday. Tell Mrs Oduya to lock her office door",
                Category::kThreat);
  ExpectRemoved("Shame if the tyres got slashed before the Year 6 trip", Category::kThreat);
  ExpectRemoved("I'm posting this under every school post until they answer me",
                Category::kHarassment);
  ExpectRemoved("DM me if you want pics of the dinner ladies at the gates \xf0\x9f\x98\x89",
                Category::kSexual);
  ExpectOk("Lovely photos of the mums at the school gate fun run, well done all");
  const Verdict crowded = Check("They live 4 to a room in a B&B since the eviction, the school should help them");
  INFO(Describe(crowded));
  CHECK_FALSE(HasCategory(crowded, Category::kHate));
}
TEST_CASE("asking for the DSL, filming a lesson, eviction, dares, no adult, a child picked out") {
  ExpectReviewedBySafeguardingLead(
      "Please can the designated safeguarding lead phone me this afternoon? My son said something "
      "about a boy in his class that I'd rather not share online.");
  ExpectReviewedBySafeguardingLead(
      "Some bloke was filming the swimming lesson over the hedge, the kids didn't notice");
  const Verdict van =
      Check("My daughter's friend has been sleeping in a van with her mum since they were evicted "
            "in the summer");
  INFO(Describe(van));
  CHECK(HasRule(van, "safeguarding:neglect"));
  ExpectReviewedBySafeguardingLead(
      "My lad says everyone in his year is doing a blackout challenge at break");
  ExpectReviewedBySafeguardingLead(
      "The reception children were left outside on the playground with no staff watching for half "
      "an hour");
  ExpectReviewedBySafeguardingLead(
      "Who took the photo of the races? The little ginger girl on the left is adorable, what a "
      "cutie, which class is she in");
  ExpectReviewedBySafeguardingLead(
      "Meri beti ke saath bus stop par ek aadmi baithta hai aur har din uska number maangta hai");
  const Verdict burns =
      Check("A girl in my form has been burning her wrists with a lighter in the toilets");
  INFO(Describe(burns));
  CHECK(HasRule(burns, "safeguarding:self-harm"));
}

TEST_CASE("careful on the way home, Urdu and Lithuanian insults, a vocative cow, adverts") {
  ExpectRemoved("I wouldn't show your face at the fireworks night if I were you \xf0\x9f\x98\x89",
                Category::kThreat);
  ExpectOk("Kids should be careful walking home now it's dark");
  ExpectOk("You might want to be careful crossing the road by the school, the lights are broken");
  ExpectRemoved("Sadda head teacher taan poora khota ae", Category::kInsult);
  ExpectRemoved("Ta aukl\xc4\x97toja kvaila karv\xc4\x97", Category::kInsult);
  ExpectReviewed("Profesoara e nepoliticoas\xc4\x83 cu to\xc8\x9bi p\xc4\x83rin\xc8\x9bii",
                 Category::kInsult);
  ExpectRemoved("Miss Dorrington you old cow, my lad's been a donkey in every nativity",
                Category::kInsult);
  const Verdict walker = Check("Anyone need a dog walker over half term? message me");
  INFO(Describe(walker));
  CHECK_FALSE(HasCategory(walker, Category::kInsult));
  const Verdict advert =
      Check("Is your Year 6 nervous about SATs? Experienced tutor, spaces still available, "
            "message me");
  INFO(Describe(advert));
  CHECK(HasCategory(advert, Category::kSpam));
  CHECK_FALSE(advert.needs_response);
  ExpectRemoved("Every family gets a free lunchbox set! Only pay \xc2\xa3" "2.49 delivery with "
                "your card at lunchbox-offer.example.com",
                Category::kSpam);
  ExpectOk("Raffle prizes can be posted, just pay \xc2\xa3" "3 postage");
}

TEST_CASE("broken booking links, a word with someone, ways to run a school, taking money") {
  ExpectAnsweredComplaint("The online form won't let me book a parents' evening slot");
  ExpectAnsweredComplaint("Somebody needs a word with whoever plans the car park rota");
  ExpectAnsweredComplaint("Funny way to run a school, sending the reminder the day after");
  ExpectAnsweredComplaint("Every single time we phone the office it rings out");
  ExpectAnsweredComplaint("Office mein koi bhi phone nahi uthata");
  ExpectAnsweredComplaint("Not having a go at anyone, but the fair was very expensive this year");
  ExpectRemoved("Their bursar is pocketing prom money, that's why tickets went up",
                Category::kDefamation);
  ExpectReviewed("Surely their bursar is pocketing prom money, that's why tickets went up",
                 Category::kDefamation);
  ExpectReviewed("I heard the PE teacher was escorted off the premises on Tuesday",
                 Category::kDefamation);
}
TEST_CASE("pupils undressed and filmed, radicalisation, forced marriage, Romanian and Gujarati") {
  ExpectRemoved("At break some lads pulled his joggers down in the yard and filmed it",
                Category::kSafeguarding);
  ExpectReviewedBySafeguardingLead(
      "Some big lads made him pull his trousers down behind the sports hall");
  ExpectReviewedBySafeguardingLead(
      "My nephew is 15 and has been drawn into some far right chats online, he keeps sharing "
      "remigration memes. Can someone at school help?");
  ExpectSafeguarding("Ez 15 sal\xc3\xae me \xc3\xbb diya min dib\xc3\xaaje ez \xc3\xaa "
                     "hav\xc3\xaen\xc3\xaa bizewicim. Ez ditirsim.");
  ExpectReviewedBySafeguardingLead(
      "Feti\xc8\x9b" "a de la etaj, e \xc3\xaen clasa 4 la voi, nu are ce s\xc4\x83 "
      "m\xc4\x83n\xc3\xa2nce acas\xc4\x83 \xc8\x99i mama ei bea toat\xc4\x83 ziua. "
      "Cui s\xc4\x83 spun?");
  ExpectReviewedBySafeguardingLead(
      "Mari dikri kahe chhe ke bus ma ek moto chhokro ene roj maare chhe");
  ExpectRemoved("Aa office na staff badha gadheda chhe", Category::kInsult);
}

TEST_CASE("gifts from a secret admirer, what a teacher did in a room, a driver on the phone") {
  ExpectReviewedBySafeguardingLead("Someone has been leaving little presents for the Reception "
                                   "children on the railings, signed from your secret friend");
  ExpectReviewedBySafeguardingLead("Please tell Mr Yelland I'm not doing his detention because "
                                   "of what he did to me in the music room. He knows what I mean");
  ExpectReviewedBySafeguardingLead("The minibus driver was texting on his phone the whole way to "
                                   "the swimming gala with the children on board");
  // A pupil who says how a teacher sees them is speaking of themselves: hidden, not only read.
  ExpectRemoved("He says I look more mature than the other Year 10s and buys me vapes",
                Category::kSafeguarding);
  const Verdict named = Check("Year 8 girl getting kicked on the floor by the bus stop and nobody "
                              "helped. It's Lacey Brennan, the clip is on Snapchat");
  INFO(Describe(named));
  CHECK(named.personal_data);
}

TEST_CASE("coming in to be seen, a staff car and leaving time, festivals, leaked papers") {
  ExpectAnsweredComplaint("Nobody has answered my three emails so I'm coming in on Monday and I'm "
                          "not leaving until I've spoken to the head of year");
  ExpectRemoved("One more call home about his trainers and I'm coming in, and it won't be for a "
                "chat",
                Category::kThreat);
  ExpectRemoved("Next time I see that PE teacher he's going through the window",
                Category::kThreat);
  ExpectRemoved("Mr Owens drives a black Astra and leaves about half five. Just saying",
                Category::kThreat);
  ExpectRemoved("The governors are all Jewish, follow the money", Category::kHate);
  ExpectOk("The new dinner ladies are all Polish and the food is so much better");
  // One faith's festival weighed against another's is for a person to judge, not hidden.
  ExpectReviewed("Diwali lights all over the hall but no nativity this year, used to be a church "
                 "school",
                 Category::kHate);
  ExpectRemoved("Miss Kelby in that tight jumper \xf0\x9f\xa5\xb5 happy to stay behind after class",
                Category::kSexual);
  ExpectAnswered("The Year 11 revision group has moved from WhatsApp to Telegram, can parents "
                 "join it too?");
  // Telegram is a cue only beside a handle and something sold.
  ExpectRemoved("GCSE papers LEAKED, maths and science, telegram @paperdrop \xc2\xa3" "30 each, "
                "proof in bio",
                Category::kSpam);
  ExpectRemoved("Invest before Eid \xf0\x9f\x8c\x99 20% returns in 7 days, DM Brother Yusuf",
                Category::kSpam);
  ExpectAnsweredComplaint("That wasn't a consultation, it was a done deal");
  ExpectAnsweredComplaint("Charity day again, another fiver. Anyone would think we're made of "
                          "money");
  ExpectAnsweredComplaint("Nu r\xc4\x83spunde nimeni la telefon de trei zile, vreau s\xc4\x83 "
                          "vorbesc cu directorul.");
  ExpectReviewed("Mrs Quayle couldn't organise a fete", Category::kInsult);
  const Verdict wish = Check("Happy 8th birthday to our little man, have the best day");
  INFO(Describe(wish));
  CHECK_FALSE(wish.needs_response);
}
TEST_CASE("an eth for a d, Somali food, expelling a group, Punjabi, Somali and Nepali harm") {
  ExpectRemoved("Mr Pryce is a right \xc3\x90\xc3\xad" "ckh\xc3\xa9" "ad", Category::kInsult);
  ExpectOk("Cuntada maanta aad bay u macaan tahay, mahadsanid");
  ExpectRemoved("Ship the Romanians home and the school would be fine", Category::kHate);
  ExpectSafeguarding("Papa sharab pee ke aunde ne te mummy nu marde ne, mainu dar lagda");
  ExpectSafeguarding("Adeerkay wuu i garaacaa");
  ExpectSafeguarding("Mero buwa le roj kutnu huncha, ma ghar jana chahanna");
  ExpectSafeguarding("Mero chhori lai kasai le naramro photo pathaucha, uni dherai darayeko cha");
  ExpectRemoved("Ruby-Mae Tate in 8C showed everyone cuts on the top of her legs in PE",
                Category::kSafeguarding);
  ExpectRemoved("Year 12 girls, want quick money for pics? message me", Category::kSafeguarding);
  // A secret in an advert is sales talk, not a child's.
  const Verdict advert = Check("Grammar school 11+ pass guaranteed with our secret practice "
                               "papers, \xc2\xa3" "35 from elevenplus.example.com");
  INFO(Describe(advert));
  CHECK(HasCategory(advert, Category::kSpam));
  CHECK_FALSE(advert.safeguarding);
  ExpectRemoved("Everyone knows Lola Finch in 5B gets free dinners because her dad's on benefits",
                Category::kPersonalData);
}

TEST_CASE("a plan to die, staff in the girls' changing room, lessons in a car, star campaigns") {
  ExpectRemoved("My 12 year old says she'll jump off the railway bridge if she doesn't get into "
                "the grammar",
                Category::kSafeguarding);
  ExpectRemoved("I've made a plan and I'm ready. Nobody will miss me", Category::kSafeguarding);
  ExpectReviewedBySafeguardingLead(
      "The PE teacher walks into the girls' changing room while they're getting dressed");
  ExpectReviewedBySafeguardingLead(
      "The piano teacher gives her lessons in his car with my daughter after school");
  ExpectRemoved("If the supply teacher comes near my lad again he'll need a lot more than an "
                "apology",
                Category::kThreat);
  ExpectRemoved("Leave the school a one star review until they sack Mr Doyle, everyone",
                Category::kHarassment);
  ExpectRemoved("This is Britain, not Baghdad. No more Eid assemblies", Category::kHate);
  ExpectReviewed("Funny how the chair of governors' daughter got the head girl job. Nothing to "
                 "see here",
                 Category::kDefamation);
}

TEST_CASE("taking it further, a rigged test, not the first time, mild put-downs") {
  ExpectAnsweredComplaint("Three trips cancelled and now the concert. Don't bother applying here");
  ExpectAnsweredComplaint("Nobody listened at the meeting so I'm taking this further");
  ExpectAnsweredComplaint("The sixth form entry test is a rigged system and everyone knows it");
  ExpectAnsweredComplaint("He was shouted at again in front of everyone. That isn't discipline "
                          "and it's not the first time");
  ExpectAnsweredComplaint("Office ma kasle pani phone uthaudaina");
  ExpectReviewed("Whoever scheduled the mocks in the heatwave needs their head examining",
                 Category::kInsult);
  ExpectReviewed("Clowns running the admissions office again", Category::kInsult);
  ExpectReviewed("Christ on a bike, the traffic at drop off", Category::kProfanity);
}
TEST_CASE("Lithuanian 'kalba', acid and pass-out games, knives, car windows, baths on camera") {
  ExpectOk("A\xc4\x8diu, mano lietuvi\xc5\xb3 kalba geresn\xc4\x97 nei angl\xc5\xb3");
  ExpectRemoved("ya kalba, you ruined my son's year", Category::kInsult);
  ExpectRemoved("Some lads said they'll throw acid in my face at the bus stop",
                Category::kSafeguarding);
  ExpectReviewedBySafeguardingLead("Year 8s are all doing the pass out game in the toilets");
  ExpectRemoved("you lot ban phones n see wot happens \xf0\x9f\x94\xaa\xf0\x9f\x94\xaa",
                Category::kThreat);
  ExpectRemoved("If the head excludes my boy again her car windows are going in",
                Category::kThreat);
  ExpectRemoved("Some man on Snapchat asked my 10 year old to facetime him from the bath",
                Category::kSafeguarding);
  ExpectRemoved("Half the Filipino kids probably aren't even legal", Category::kHate);
  ExpectOk("The Filipino families organised a lovely food stall");
}

TEST_CASE("children left alone in Tagalog and Lithuanian, no doctors, Portuguese, put out") {
  ExpectReviewedBySafeguardingLead(
      "Yung anak ng kapitbahay, iniiwan mag-isa sa bahay buong araw at umiiyak");
  ExpectReviewedBySafeguardingLead(
      "Vaikas valgo tik mokykloje, namie n\xc4\x97ra maisto");
  ExpectReviewedBySafeguardingLead("No doctors for my kids, we're treating it at home with herbs");
  ExpectSafeguarding("If they kick him out again I won't have him in the house, he'll be on the "
                     "streets");
  ExpectRemoved("Meu padrasto me bate quando a m\xc3\xa3" "e n\xc3\xa3o est\xc3\xa1",
                Category::kSafeguarding);
  // A parent writing in Polish about their son is a parent, as "my son" is: the DSL reads it.
  ExpectReviewedBySafeguardingLead(
      "M\xc3\xb3j syn m\xc3\xb3wi, \xc5\xbc" "e nie chce ju\xc5\xbc \xc5\xbcy\xc4\x87");
}

TEST_CASE("a child's illness and keep yours away, a mother who sells herself, money that went") {
  ExpectRemoved("Everyone knows Oscar Lunt in 4P has chickenpox, keep yours away from him",
                Category::kHarassment);
  ExpectRemoved("his mum sells herself on the estate, everyone knows", Category::kInsult);
  ExpectReviewed("Someone should ask the bursar where the money actually went from the summer "
                 "fair",
                 Category::kDefamation);
  ExpectReviewed("Mr Quinn left because they found things on his laptop", Category::kDefamation);
  ExpectAnsweredComplaint("Fresh paint for Ofsted, wonder how long that'll last");
  ExpectAnsweredComplaint("Just apply the rule to everyone or scrap it");
  ExpectReviewed("Mr Tate, with respect, step aside and let someone who cares run the department",
                 Category::kInsult);
  ExpectReviewed("Po velni\xc5\xb3, v\xc4\x97l n\xc4\x97ra autobuso", Category::kProfanity);
}
TEST_CASE("worth every penny of our council tax is sarcasm, not a sneer at a group") {
  const std::string_view text = "Fab, sent home again because the boiler's packed in. Worth every "
                                "penny of our council tax \xf0\x9f\x99\x83";
  ExpectReviewed(text, Category::kComplaint);
  const Verdict v = Check(text);
  INFO(Describe(v));
  CHECK_FALSE(HasCategory(v, Category::kHate));
  ExpectOk("The Year 6 residential was worth every penny, thank you");
}
TEST_CASE("rating girls, pictures asked of pupils, worse when he's home, cold and out of a home") {
  ExpectRemoved("rate the year 8 girls out of 10 from the disco pics", Category::kSafeguarding);
  ExpectRemoved("year 10 girls, dm me pics \xf0\x9f\x98\x89", Category::kSafeguarding);
  ExpectRemoved("it's worse when dad's home, i hate weekends", Category::kSafeguarding);
  ExpectReviewedBySafeguardingLead("The little lass at the bus stop is in just a t shirt and was "
                                   "blue with cold this morning");
  ExpectReviewedBySafeguardingLead("Papa mummy nu maarde ne roz");
  ExpectSafeguarding("Ik munda ohnu paise dinda te number mangda");
  // An advert that mentions the school run is no danger to a child.
  const Verdict advert = Check("Mums! Make extra money around the school run, message me");
  INFO(Describe(advert));
  CHECK_FALSE(advert.safeguarding);
}

TEST_CASE("breeding like rabbits, a bomb left in the staffroom, caught alone, Scots and Twi") {
  ExpectRemoved("Romanians breeding like rabbits on that estate", Category::kHate);
  ExpectRemoved("Leave a little surprise in the staffroom \xf0\x9f\x92\xa3 and see who turns up "
                "tomorrow",
                Category::kThreat);
  ExpectOk("Year 11s were the bomb \xf0\x9f\x92\xa3 at the leavers' disco");
  ExpectRemoved("Keep blanking me, see what happens when I catch you after parents' evening",
                Category::kThreat);
  ExpectRemoved("Ah'll skelp yon teacher if she shouts at ma lad again", Category::kThreat);
  ExpectRemoved("Kwasea! Who closes a school for a bit of rain?", Category::kInsult);
  ExpectReviewed("She's a daft gowk, that new supply teacher", Category::kInsult);
  ExpectReviewed("Bliddy buses late again", Category::kProfanity);
  ExpectRemoved("Made a video of Mr Grey's terrible parking, share it everyone and let's get it "
                "trending",
                Category::kHarassment);
}

TEST_CASE("a crag, a Polish surname, a sheepdog, a pipe tune and a stone dyke stay up") {
  ExpectOk("Great walk up to Shitlington Crags with Class 3");
  ExpectOk("Well done Hania Wankowska in 5C for the spelling bee");
  ExpectOk("Our sheepdog Meg is the best bitch on the farm");
  ExpectOk("Cock o' the North on the bagpipes at assembly, magic");
  ExpectOk("Snow drifts up to the dyke tops by the cattle grid, is the bus running?");
  ExpectAnsweredComplaint("Don't bother replying, years of excuses from this office");
  ExpectAnsweredComplaint("I'm not against the message but the assembly was far too graphic for "
                          "Year 7");
  ExpectReviewed("Sod the spelling test, she's been up all night with croup",
                 Category::kProfanity);
}
TEST_CASE("not waking up, carrying bags for money, burns, refusing to drag a sick child in") {
  // "mane" is the writer ("me"): a child's own disclosure, hidden as in English.
  ExpectRemoved("T\xc4\x97tis sako, kad jei pasakysiu mokytojai, jis mane nubaus",
                Category::kSafeguarding);
  ExpectRemoved("\xc3\x80s vezes acho que era melhor n\xc3\xa3o acordar", Category::kSafeguarding);
  ExpectRemoved("some days it would be better if i didn't wake up", Category::kSafeguarding);
  ExpectReviewedBySafeguardingLead("Um homem ofereceu dinheiro para levar uma mochila ao parque");
  ExpectRemoved("Those Year 8 girls are very developed for their age", Category::kSafeguarding);
  ExpectRemoved("a video of a Year 9 girl at the party, lads were touching her and she can't even "
                "stand up, it's going round the year group",
                Category::kSafeguarding);
  ExpectRemoved("Ruby in Year 4 came in with a burn on her arm again", Category::kSafeguarding);
  ExpectReviewedBySafeguardingLead(
      "The man she lives with makes her work at the nail bar till midnight");
  // A parent refusing to bring a sick child in is no harm done to the child.
  ExpectOkWithoutAlert("I'm not dragging him in with a fever just for your figures");
}

TEST_CASE("dragging a head out, hurt if he shouts, boats home, agendas, a fine scam") {
  ExpectRemoved("I'm dragging that deputy out of her office by her hair tomorrow",
                Category::kThreat);
  ExpectRemoved("Someone's going to get hurt if that caretaker shouts at my daughter again",
                Category::kThreat);
  ExpectRemoved("The Syrian families should be on the next boat home", Category::kHate);
  ExpectRemoved("A trans teacher in Year 2? Take your agenda somewhere else", Category::kHate);
  ExpectRemoved("Letting a gay man teach PE, so much for Christian values", Category::kHate);
  ExpectRemoved("Ev mamoste kerek e", Category::kInsult);
  ExpectRemoved("Found her page, DM me and I'll send it", Category::kHarassment);
  ExpectRemoved("Pay your unpaid attendance fine now to avoid court action: "
                "fines-portal.example.com",
                Category::kSpam);
  ExpectReviewed("Mr Dodd was absolutely hammered at the fun run", Category::kDefamation);
  ExpectReviewed("Congrats on requires improvement everyone \xf0\x9f\x91\x8f",
                 Category::kComplaint);
  ExpectReviewed("Great role model for our kids, the head vaping at the gate",
                 Category::kComplaint);
  ExpectReviewed("Dump of a school, the roof's leaking again", Category::kInsult);
  ExpectAnsweredComplaint("That is not how you treat families");
  ExpectAnsweredComplaint("Communication has been woeful this term");
  ExpectAnsweredComplaint("\xc5\xa0kola ni\xc4\x8d nerob\xc3\xad");
  ExpectOk("The knob came off the art room door again");
}
TEST_CASE("notes already written, a console given away, Polish, Tamil and Bengali disclosures") {
  ExpectSafeguarding("Mam 12 lat. Prosz\xc4\x99 nie m\xc3\xb3wcie nikomu");
  ExpectRemoved("i've already written the notes for mum and dad", Category::kSafeguarding);
  ExpectRemoved("gave my xbox to my little brother. i'm done after tonight",
                Category::kSafeguarding);
  ExpectReviewedBySafeguardingLead("appa kudichittu vandhu ammava adikkiraaru");
  ExpectReviewedBySafeguardingLead(
      "they're saying they'll deal with whoever grassed about the vapes");
  ExpectReviewedBySafeguardingLead(
      "We moved here to get away from my ex, please don't put our address on anything");
  ExpectReviewedBySafeguardingLead(
      "Mr Gill is very keen on measuring the Year 10 girls' skirt lengths himself");
}

TEST_CASE("where you keep your caravan, normal ones, their own mosques, free houses, Italian") {
  ExpectRemoved("I know where you keep your caravan, Mr Hale", Category::kThreat);
  ExpectRemoved("Let them go to their own mosques", Category::kHate);
  ExpectRemoved("They came over for free houses and now they want our school places too, the "
                "Chagossians",
                Category::kHate);
  ExpectRemoved("Download the new app to keep receiving messages: school-app-update.example.net",
                Category::kSpam);
  ExpectRemoved("Small minded woman running a small school", Category::kInsult);
  ExpectRemoved("Che cazzo, il preside \xc3\xa8 uno stronzo", Category::kInsult);
  ExpectRemoved("Mr Dunn is a \xf0\x9f\xa4\xa1", Category::kInsult);
  ExpectReviewed("Mr Hale smelled of drink at the carol concert", Category::kDefamation);
  ExpectReviewed("Wouldn't trust the office to organise a raffle", Category::kInsult);
  ExpectReviewed("Co za cholerny autobus", Category::kProfanity);
  ExpectAnsweredComplaint("She's always had it in for my son");
  ExpectAnsweredComplaint("They say his name wrong in every register");
}
TEST_CASE("won't be needing it, only here for the handouts, their own children walk home, plates") {
  ExpectRemoved("You can have my games, I won't be needing any of it after Friday",
                Category::kSafeguarding);
  ExpectRemoved("Then nobody has to be disappointed in me any more", Category::kSafeguarding);
  ExpectReviewedBySafeguardingLead("Mama zostawia dzieci same w domu do rana");
  ExpectReviewedBySafeguardingLead("Am vazut un baiat cu vanatai pe spate, mi-a zis ca a cazut");
  ExpectRemoved("The Albanians are only here for the handouts", Category::kHate);
  ExpectRemoved("Whose country is this anymore, half the shop signs in town are in Urdu",
                Category::kHate);
  ExpectRemoved("The Travellers on the common are dragging the whole village down",
                Category::kHate);
  ExpectRemoved("People from Eastern Europe are dragging this estate down", Category::kHate);
  ExpectRemoved("The governors might want to remember their own children walk home past the rec",
                Category::kThreat);
  ExpectRemoved("Hope nothing kicks off round her house after the meeting", Category::kThreat);
  ExpectRemoved("Darren who parks on the zigzags every day, black Golf YK21 HBD, sort it out",
                Category::kPersonalData);
  ExpectReviewed("Mr Pryce was asked to leave his previous post, they hushed it all up",
                 Category::kDefamation);
  ExpectReviewed("The art teacher is being looked into for what she said to the Year 8s",
                 Category::kDefamation);
  ExpectAnsweredComplaint("Paid 15 quid for the Christmas fair and came away feeling ripped off");
  ExpectAnsweredComplaint("What a shabby way to treat the dinner staff");
  ExpectAnsweredComplaint("I'm not paying a fine for taking her to her grandad's funeral");
  ExpectRemoved("Trans pupils are simply confused, that's all it is", Category::kHate);
  ExpectRemoved("The lesbian girls in Year 10 are just attention seeking", Category::kHate);
  ExpectOk("The Year 7s are all confused about which bus to get");
  // Asking for a festival to be included is no exclusion, however many families keep it.
  ExpectOk("No mention of Eid in the newsletter when so many of the families celebrate it");
}
TEST_CASE("hay fever, lying on the mat, lurking in the shed, sunburn, drag acts, it's a joke") {
  ExpectOk("The kids on the coach have awful hay fever this week");
  ExpectOk("The reception children were lying on the carpet listening to the story");
  ExpectOkWithoutAlert("Has anyone got an old wheelbarrow lurking at the back of the shed for the "
                       "Year 3 vegetable patch?");
  ExpectOkWithoutAlert("No hats and no shade on the field, my reception son came home with burnt "
                       "shoulders. Sun cream please next time");
  ExpectOkWithoutAlert("A drag queen reading to the nursery, with a man from the council "
                       "watching, what next?");
  ExpectOk("Everyone at the gate thinks it's a joke that the car park is still shut");
  ExpectReviewedBySafeguardingLead("Some bloke was lurking by the gates at pick up filming the "
                                   "Year 1s");
}

TEST_CASE("scratches her arms, older than she is, top off, stays on camp, find out what I'm like") {
  ExpectRemoved("Everyone in 8K knows Leyla scratches her arms with a pencil sharpener blade",
                Category::kSafeguarding);
  ExpectSafeguarding("My nephew says he wishes he was dead since his exam results came out");
  ExpectRemoved("A lad in Year 13 keeps telling her she seems older than she is and wants to "
                "pick her up after netball",
                Category::kSafeguarding);
  ExpectRemoved("They passed round a clip of a Year 8 girl being pressured to take her shirt off "
                "at the sleepover",
                Category::kSafeguarding);
  ExpectRemoved("The man next door keeps taking photos of her in her swimming costume in the "
                "paddling pool, my daughter is 7",
                Category::kSafeguarding);
  ExpectSafeguarding("The coach on the football tour told the boys what happens on tour stays "
                     "on tour and let them drink");
  ExpectRemoved("Abdi from 5T told me his stepdad did it, he had a purple mark right across his "
                "neck",
                Category::kSafeguarding);
  ExpectRemoved("Put my lad in a group with that Traveller boy again and you'll find out what "
                "I'm like",
                Category::kThreat);
}

TEST_CASE("ruined the town, stick to her baking, rigged, nice for some, piss up in a brewery") {
  ExpectRemoved("Somalis and Afghans have wrecked this town and now the primary too",
                Category::kHate);
  ExpectRemoved("That Bulgarian lot all live ten to a house and bring lice into school",
                Category::kHate);
  ExpectRemoved("Miss Okafor should stick to her crochet, my eight year old knows more science "
                "than she does",
                Category::kInsult);
  ExpectRemoved("Deputy head struts round like he owns the place, pompous prat thinks he's "
                "royalty",
                Category::kInsult);
  ExpectReviewed("Lazy lot in the finance office, three months for a refund", Category::kInsult);
  ExpectReviewed("The attendance team couldn't organise a p*ss up in a brewery",
                 Category::kInsult);
  ExpectReviewed("Whoever booked a coach with no seatbelts needs his head testing",
                 Category::kInsult);
  ExpectAnsweredComplaint("The house points competition is rigged, it's the same form every term");
  ExpectAnsweredComplaint("Staff get reserved parking and we get a field of mud. Alright for some");
  ExpectAnsweredComplaint("Took me 45 minutes on hold and all the places had gone");
  ExpectAnsweredComplaint("He wasn't given his inhaler on the trip even though we signed the form");
  ExpectAnsweredComplaint("Two costume days all in the same week, it adds up when you've got four "
                          "kids");
  ExpectAnsweredComplaint("One sausage roll isn't enough for a hungry Year 6 after swimming");
  ExpectAnsweredComplaint("Was told at the taster day that my son might not cope. Felt very "
                          "patronising");
  ExpectAnsweredComplaint("Why no translated letters? Other schools manage it");
  ExpectAnsweredComplaint("The homework app only comes in English");
  ExpectAnswered("Dobry den, chcela by som sa porozpravat s pani riaditelkou o synovi");
  ExpectAnsweredComplaint("Syn dostal poznamku a nikto mi nezavolal");
}

TEST_CASE("fit mums, round the back, card details, followers in days, handles, exam papers") {
  ExpectRemoved("Proper fit mums at the nativity 😍 any of them single?", Category::kSexual);
  ExpectRemoved("Which of the teachers wants to meet me round the back of the pavilion after "
                "the fete 😉",
                Category::kSexual);
  ExpectRemoved("Donations DOUBLED today only! Enter card details at cin-double.help before "
                "midnight",
                Category::kSpam);
  ExpectRemoved("Got 10 000 followers in 3 days thanks to @boostgram_uk, highly recommend",
                Category::kSpam);
  ExpectRemoved("Made £4,000 in a fortnight trading forex, DM @finance_with_lou for the method",
                Category::kSpam);
  ExpectReviewed("Heard the exams officer gave the questions beforehand to a few families",
                 Category::kDefamation);
  ExpectReviewedBySafeguardingLead("Is it normal for the coach to send my son a friend request "
                                   "and then a message saying to delete it?");
  ExpectOk("Anyone free to message the class rep about the cake rota?");
}
TEST_CASE("not answering her phone, the one he was messaging, no top on, nobody would miss me") {
  ExpectRemoved("PLEASE SHARE our son Callum Ede Year 8 walked home over the moor, he's not "
                "answering his phone and it's getting dark",
                Category::kSafeguarding);
  ExpectSafeguarding("Everyone says Leah Moss in 10B is the girl the coach was texting");
  ExpectRemoved("someone airdropped a pic of a year 9 lad with no shirt on to the whole bus",
                Category::kSafeguarding);
  ExpectSafeguarding("A man on the livestream keeps asking which girl is the prettiest in 7G");
  ExpectRemoved("i keep hurting my arms with my compass so i can get through the day",
                Category::kSafeguarding);
  ExpectSafeguarding("after my exams there's no point anyway, none of you would notice");
  ExpectSafeguarding("The scout leader who got struck off last year is still volunteering with "
                     "the cubs on Tuesdays");
  ExpectSafeguarding("Dave on the door at the youth club is a nonce and the school still lets "
                     "him near our kids");
  ExpectOkWithoutAlert("Well done to the choir, nobody would know it was their first concert");
  ExpectOk("Frost everywhere this morning, it looked like a Christmas card. Kids all stood at the "
           "fence staring");
  // Fond teasing is no complaint to answer.
  const Verdict teasing = Check("Uncle Pete is back on the tombola again with his awful jokes");
  INFO(Describe(teasing));
  CHECK(teasing.verdict == VerdictKind::kOk);
  CHECK_FALSE(teasing.needs_response);
  ExpectRemoved("That Year 7 lad whose photos got passed round is Jordan Pike, poor kid",
                Category::kSafeguarding);
}

TEST_CASE("leaving in a wheelchair, going bang, checking her car, slurs, pass guaranteed") {
  ExpectRemoved("Touch my daughter again and that lad will be leaving in an ambulance",
                Category::kThreat);
  ExpectRemoved("Keep your kids home Monday. Something's about to go off at that school",
                Category::kThreat);
  ExpectRemoved("The head should start checking her brakes before she drives home",
                Category::kThreat);
  ExpectRemoved("I'll floor it through the barriers and whoever's standing behind them",
                Category::kThreat);
  ExpectRemoved("The PE teacher's a batty boy, keep your sons out of his changing room",
                Category::kHate);
  ExpectRemoved("Put the spacky kids in a different building", Category::kHate);
  ExpectRemoved("Kitchen staff must eat the puddings themselves by the size of them",
                Category::kInsult);
  ExpectRemoved("Best part of sports day is ogling the mums in lycra 😏", Category::kSexual);
  ExpectRemoved("Guaranteed pass in the 11+ exam, our tutors have seen the real papers. Book at "
                "elevenplus-win.example.net",
                Category::kSpam);
  ExpectRemoved("Free uniform voucher! Claim with your child's full name, date of birth and "
                "school at uniform-grant.example.org",
                Category::kSpam);
  ExpectRemoved("Everyone ignore the mum from the flats who reported us. Freeze her out",
                Category::kHarassment);
  ExpectReviewed("Only parents with nothing better to do complain about a school play",
                 Category::kInsult);
  ExpectAnsweredComplaint("A \xc2\xa3" "120 fine for a funeral abroad. Not one ounce of compassion");
  ExpectAnsweredComplaint("My son was made to stand outside the class all lesson. I want an "
                          "apology");
  ExpectReviewed("Absolutely pathetic. The kids stood in the rain for forty minutes because the "
                 "gate was locked",
                 Category::kComplaint);
}

TEST_CASE("a pupil known by first name and class, a class named for a bird, Humpty-Dumpty") {
  // The school community knows who a disclosure is about from a first name and a class.
  const Verdict known = Check("Priya in 4M comes in hungry every day and says there's no food in "
                              "the house");
  INFO(Describe(known));
  CHECK(known.verdict == VerdictKind::kRemove);
  CHECK(known.safeguarding);
  CHECK(known.personal_data);
  const Verdict herons = Check("Ollie Brennan in Herons class turns up with no coat and says "
                               "there's no food at home");
  INFO(Describe(herons));
  CHECK(herons.personal_data);
  ExpectOk("Year 3 acted out Humpty-Dumpty in class and my son was the wall");
  ExpectOk("Well done Ade Shittu for the chess trophy");
  // A clause about someone already named asks nothing.
  for (const char* text : {"our nan (who is 92) loved every minute of the concert",
                           "Lovely trip to the castle, which was packed"}) {
    const Verdict v = Check(text);
    INFO(text << " -> " << Describe(v));
    CHECK_FALSE(v.needs_response);
  }
}

TEST_CASE("someone described before the insult, a secret from your mum, a child's own home") {
  ExpectRemoved("That dad in the white van who parks across the crossing every morning is a "
                "total numpty",
                Category::kInsult);
  ExpectRemoved("Hi Keeley from the dance show video, you could be a model, add me on snap and "
                "don't tell your mum yet",
                Category::kSafeguarding);
  ExpectRemoved("mums new fella locks me in my room when she's out", Category::kSafeguarding);
  ExpectRemoved("Ammi roz maarti hain, main class 6 mein hoon", Category::kSafeguarding);
  ExpectSafeguarding("Mae fy mab yn dweud bod ei lystad yn ei daro fe");
  ExpectRemoved("ive been skipping meals for a month to see if anyone notices",
                Category::kSafeguarding);
  ExpectRemoved("the lads filmed her while she was unconscious at the party and sent it round",
                Category::kSafeguarding);
  ExpectRemoved("i carry a blade in my bag now after what happened to my mate, loads of us do",
                Category::kSafeguarding);
  // A child who struggles with noise is no child at risk.
  ExpectOkWithoutAlert("My son can't cope with loud noises so the fire drill was awful for him, "
                       "can we have warning next time?");
  ExpectOkWithoutAlert("Third time this half term the coach has been late");
}

TEST_CASE("see if your car is still there, watch himself, rip-off merchants, spelt wrong") {
  ExpectRemoved("Give my lad another detention and see if your car is still in one piece by "
                "Friday, Mr Hartley",
                Category::kThreat);
  ExpectRemoved("Funny how quickly things can happen to people on that towpath after dark. Tell "
                "the deputy head to watch himself.",
                Category::kThreat);
  ExpectRemoved("Cancel the minibus again and I promise you somebody will get hurt",
                Category::kThreat);
  // A warning about the traffic is a complaint to answer, not a threat.
  ExpectAnsweredComplaint("Cars mount the kerb at pick up every day, someone is going to get "
                          "hurt");
  ExpectRemoved("The new receptionist can come round and warm me up any time \xf0\x9f\xa5\xb5",
                Category::kSexual);
  ExpectRemoved("Cheap school uniforms all sizes, any logo any school, www.example.com/shop",
                Category::kSpam);
  ExpectReviewed("Some of the lunch staff need to remember they're paid to look after the kids",
                 Category::kInsult);
  ExpectReviewed("Four quid for a sandwich, absolute rip off merchants", Category::kInsult);
  ExpectReviewed("Counting down the days till the head retires", Category::kInsult);
  ExpectReviewed("The head's nephew got the caretaker job without an interview, is it a "
                 "coincidence",
                 Category::kDefamation);
  for (const char* text :
       {"They've printed my daughter's surname wrong on her certificate again",
        "Whose genius idea was it to hold sports day the week of the mocks",
        "Took us 50 minutes to get out of the car park after the nativity",
        "Some of the TAs are more interested in their phones than the children",
        "Pulling both of mine out at Christmas"}) {
    ExpectAnsweredComplaint(text);
  }
  ExpectAnswered("Please don't make the Year 6s run the cross country in this heat");
}

TEST_CASE("knife skills in food tech, a cold music block, an FGM evening, a cock pheasant") {
  ExpectOkWithoutAlert("Year 9 have knife skills in food tech on Monday, should they bring their "
                       "own knife?");
  ExpectOkWithoutAlert("The music block has had no heating since October, the kids practise in "
                       "coats");
  // At home it is still a child's cold house.
  ExpectRemoved("we've had no heating at ours since november and mum says not to tell school",
                Category::kSafeguarding);
  ExpectOkWithoutAlert("Thank you for the FGM awareness evening for parents, the nurse explained "
                       "it so well");
  ExpectOkWithoutAlert("The Year 4s spent all of break taking pictures of a cock pheasant on the "
                       "field");
}

TEST_CASE("break your fingers, bin bags on their heads, does the belt, they owe him") {
  ExpectRemoved("Touch my son's turban again and I'll break your fingers", Category::kThreat);
  ExpectRemoved("Why are girls allowed to wear bin bags on their heads in a British school",
                Category::kHate);
  ExpectRemoved("me mam does the belt if i get a detention so can you not send the letter home",
                Category::kSafeguarding);
  ExpectRemoved("my cousins check my phone every night and said they'll make sure i never go back "
                "to school if they see a boy's name",
                Category::kSafeguarding);
  ExpectRemoved("an older lad gives the year 7s free energy drinks then tells them they owe him",
                Category::kSafeguarding);
  ExpectSafeguarding("her stepdad is making her work early shifts at the car wash before school, "
                     "she's 13");
  ExpectSafeguarding("i cried in registration again cos nobody at home speaks english but me and "
                     "i do all the forms");
  ExpectRemoved("Saw the caretaker and the cook going at it in the store cupboard "
                "\xf0\x9f\xa5\xb5",
                Category::kSexual);
  ExpectRemoved("da vi eba uchilishteto", Category::kProfanity);
  ExpectReviewed("Mrs Cole has had it in for my daughter since reception", Category::kDefamation);
  for (const char* text : {"Parents keep blocking my driveway at drop off",
                           "My son has come home with someone else's coat again",
                           "The roast potatoes were stone cold and we're paying for them",
                           "Every newsletter is in English only and half the parents can't read it",
                           "There should be an alternative to the bleep test for pupils who are "
                           "fasting",
                           "The same three kids always get the main parts in every show"}) {
    ExpectAnsweredComplaint(text);
  }
  ExpectAnswered("Please let us buy the plain jumpers from the supermarket");
  ExpectReviewed("Roll on July when Mrs Ash finally leaves, best news all year", Category::kInsult);
}

TEST_CASE("a surname alone, a stretched or spelt-out insult and a school's name still aim it",
          "[moderation][detectors]") {
  ExpectRemoved("Haverstock is a total prat", Category::kInsult);
  ExpectRemoved("Mr Dunmore is a right twaaattt", Category::kProfanity);
  ExpectRemoved("she is such a p r a t", Category::kInsult);
  ExpectRemoved("The deputy at Our Lady's is a clueless muppet", Category::kInsult);
  ExpectOk("In science they learnt how the slag floats on the molten iron in a blast furnace");
}

TEST_CASE("a phishing notice, a firework through the door and a child sexualised are removed",
          "[moderation][detectors]") {
  ExpectRemoved("Security notice for this page: secure your account within 6 hrs at "
                "pagesafe-check.support/login",
                Category::kSpam);
  ExpectRemoved("Heating support for families: claim up to £900, apply in 3 mins with your card "
                "details at warmhomes-help.claims.example",
                Category::kSpam);
  ExpectRemoved("Keep my daughter off the team again and there'll be a firework through your "
                "letterbox",
                Category::kThreat);
  ExpectRemoved("Fail her once more and I'll put every window in", Category::kThreat);
  ExpectRemoved("the little one on the end in the netball photos is a proper stunner "
                "\xf0\x9f\x98\x8d more pics like that please",
                Category::kSexual);
  ExpectRemoved("those cow worshippers are taking over the PTA", Category::kHate);
  ExpectRemoved("can't get near the gate for women in their bin bags", Category::kHate);
  ExpectRemoved("These people never want to integrate, simple as", Category::kHate);
}

TEST_CASE("a child weighing pills, saving food for a sibling or writing in Slovak is heard",
          "[moderation][detectors]") {
  ExpectSafeguarding("looked up how many sleeping pills it would take last night");
  ExpectSafeguarding("i save my yoghurt from lunch for my little brother to eat because dad "
                     "hasnt got any money till friday");
  ExpectSafeguarding("pani ucitelka, otec ma bije ked pije");
  ExpectSafeguarding("the new dinner volunteer keeps friending the mums and asking which of the "
                     "children are theirs");
}

TEST_CASE("a grave accusation stated as fact comes down; passed on as hearsay it is reviewed",
          "[moderation][detectors]") {
  ExpectRemoved("Mrs Kettering was sacked from her last school for stealing from the tuck shop, "
                "look it up",
                Category::kDefamation);
  ExpectReviewed("Apparently Mrs Kettering was sacked from her last school for stealing",
                 Category::kDefamation);
  for (const char* text : {"We asked for a meeting two months ago and still nothing",
                           "Support for working parents is sorely lacking",
                           "Either it's acceptable or it isn't, make your mind up",
                           "Reading out test scores to the whole class? This shouldn't be "
                           "happening"}) {
    ExpectAnsweredComplaint(text);
  }
  ExpectAnswered("Please translate the homework letters for the Arabic speaking families");
  ExpectAnswered("Please be clearer about what to bring on trip days");
  ExpectReviewed("Love how the car park gets gritted but the playground never does "
                 "\xf0\x9f\x99\x84",
                 Category::kComplaint);
}

TEST_CASE("a parent's threat against their own child reaches the DSL; laughed off it is not one",
          "[moderation][detectors]") {
  for (const char* text :
       {"If my boy embarrasses us at the awards night again I'm going to leather him",
        "swear down if my girl gets one more detention I will knock her into the middle of next "
        "week"}) {
    const Verdict v = Check(text);
    INFO(text << "\n" << Describe(v));
    CHECK(HasCategory(v, Category::kThreat));
    CHECK(v.safeguarding);
  }
  // The teacher named first is whom "him" stands for: a threat against staff, not a child.
  const Verdict staff = Check("If that PE teacher makes my son run in the rain again I'll leather "
                              "him");
  INFO(Describe(staff));
  CHECK(HasCategory(staff, Category::kThreat));
  CHECK_FALSE(staff.safeguarding);
  ExpectOk("my son has now lost four coats since September, I am going to strangle him lol");
}

TEST_CASE("legs 'broke' and windows 'put through' are threats; a rugby injury is not",
          "[moderation][detectors]") {
  ExpectRemoved("the caretaker is gonna get his arm broke if he grasses again",
                Category::kThreat);
  ExpectRemoved("That deputy head will get her windscreen put in, mark my words",
                Category::kThreat);
  ExpectOk("Our eldest got his nose broke in the county cup final and still finished the game");
}

TEST_CASE("a pupil's address with 'someone go and have a word' is exposure; asked of the school "
          "it is a request",
          "[moderation][detectors]") {
  ExpectRemoved("Tyler Ambrose in Year 9 is at 22 Kestrel Way, someone should go and "
                "have a word with him",
                Category::kHarassment);
  const Verdict v = Check("The man on the crossing lets cars go through on red, could someone go "
                          "and have a word with him");
  INFO(Describe(v));
  CHECK(v.verdict != VerdictKind::kRemove);
  CHECK(v.needs_response);
}

TEST_CASE("threats: a brick through the windscreen, the family at the gates, a named adult's "
          "movements left hanging",
          "[moderation][detectors]") {
  for (const char* text :
       {"Keep giving my daughter detentions and the head's car gets a brick through the windscreen",
        "Touch my son again and I'll be at the school gates with my cousins",
        "I'm coming in tomorrow and I won't leave until someone gets hurt",
        "If they suspend him again I'll throw that head of year through the office window",
        "Miss Okafor walks to the station on her own after parents evening. Just so you all know.",
        "we know what you did on the residential. Tick tock"}) {
    ExpectRemoved(text, Category::kThreat);
  }
  // Somebody will get hurt: a warning about others, not the writer's threat.
  const Verdict v = Check("The Year 11s racing round the car park will hurt somebody soon, please "
                          "put a barrier up");
  INFO(Describe(v));
  CHECK_FALSE(HasCategory(v, Category::kThreat));
  CHECK_FALSE(v.safeguarding);
  CHECK(v.needs_response);
}

TEST_CASE("grave allegations stated as fact come down; with a rumour or a hint they are reviewed",
          "[moderation][detectors]") {
  for (const char* text : {"The bursar has been helping himself to the school funds for years",
                           "Mr Tallis pinched the laptops from the IT suite, ask anyone",
                           "Our new deputy was pushed out from his last job for slapping a "
                           "child"}) {
    ExpectRemoved(text, Category::kDefamation);
  }
  ExpectReviewed("I heard the bursar has been helping himself to the school funds",
                 Category::kDefamation);
  ExpectReviewed("Rumour has it the PTA treasurer bought her new hot tub with the summer fair "
                 "money",
                 Category::kDefamation);
  ExpectReviewed("The school cook's brother got the catering contract. Makes you wonder",
                 Category::kDefamation);
}

TEST_CASE("safeguarding: a lighter on the skin, a padlocked fridge, a much older partner, a "
          "forced marriage, a child sleeping rough",
          "[moderation][detectors]") {
  for (const char* text :
       {"ive been holding a lighter on my leg where my shorts cover it",
        "mums new partner padlocked the fridge and says we have to earn our tea",
        "my mate in year 11 has been sleeping in his friend's van since his dad told him not to "
        "come home",
        "my uncle drinks cans first then does the school run and drives dead fast and we're scared",
        "shes 22 and im 14, we met at the skatepark and she says my parents wouldnt get it",
        "my friend in year 10 says her family are sending her to Bangladesh this summer to get "
        "married",
        "Her stepdad keeps saying he'll take her away and nobody will ever find her",
        "a man at the fair gives the little kids free sweets if they go round the back with him",
        "the man at the stables gives my sister a pound as long as she keeps it our secret",
        "at the party a girl was passed out on the floor and boys were doing stuff to her and "
        "filming it",
        "ek aadmi meri behen ko photos ke liye paise de raha hai",
        "tetis neparėjo namo nuo vakar, aš viena su sesute",
        "starszy chłopak każe mi wozić paczki po szkole"}) {
    ExpectSafeguarding(text);
  }
  // A brother's age is not an older stranger's.
  const Verdict v = Check("im 13 and my brother is 19 and he never lets me on the xbox");
  INFO(Describe(v));
  CHECK(std::none_of(v.reasons.begin(), v.reasons.end(),
                     [](const Reason& r) { return r.rule == "safeguarding:exploitation"; }));
}

TEST_CASE("hate: a grooming club, a perverted agenda, slurred flags, a gay teacher kept away",
          "[moderation][detectors]") {
  for (const char* text :
       {"That pride club is basically a grooming club for kids",
        "Keep your sick agenda out of our primary school",
        "no f@g flags at our sports day thanks",
        "A trans teacher doing swimming lessons? Keep them away from the girls"}) {
    ExpectRemoved(text, Category::kHate);
  }
  ExpectOk("That new supply teacher shouted at my son, keep him well away from the kids please");
}

TEST_CASE("insults and exposure: no soap, a teacher on a dating app, a pupil pointed out at work",
          "[moderation][detectors]") {
  ExpectRemoved("The new caretaker looks like he's never heard of deodorant", Category::kInsult);
  ExpectRemoved("Found Mr Brightwell on Tinder lol, he's 'into hiking'", Category::kHarassment);
  ExpectRemoved("The girl in 11C who told on everyone is Amber Whitlow, she works at the Greggs on "
                "the high street, go and say hello to her",
                Category::kHarassment);
  ExpectRemoved("Tas mokytojas yra kvailys", Category::kInsult);
}

TEST_CASE("a stadium, a whippet bitch and the future are not abuse", "[moderation][detectors]") {
  ExpectOk("Best of luck to our Year 10 footballers visiting the Wankdorf stadium on the "
           "Switzerland tour");
  ExpectOk("Well done Mr Pike, whose whippet bitch won her class at the county show");
  ExpectOk("Careers fair on Thursday: come and talk to us about your future");
}

TEST_CASE("complaints: shambolic, told you before, going on for months, not paying a penny",
          "[moderation][detectors]") {
  for (const char* text :
       {"The new reading scheme is shambolic",
        "We told you in October that the bus drops them off far too early",
        "The leak in the music room has been going on for months",
        "Very heavy handed letter about a single late mark",
        "I'm not paying a penny more for trips until the accounts are published",
        "My son is still being made to sit the old maths paper even though we agreed he "
        "could skip it",
        "Typical of this school to cancel the parents' forum again",
        "Nigdy nie odpowiadacie na telefony, to skandal"}) {
    ExpectAnsweredComplaint(text);
  }
  ExpectAnswered("Please raise it with the catering company");
}
}  // namespace schoolmod::moderation::testing
