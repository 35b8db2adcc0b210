#include <algorithm>
#include <array>
#include <string_view>

#include "classifier/detectors.h"

// Contact details found by scanning the original bytes (phone numbers, emails, links,
// postcodes), then the two detectors that use them: spam and personal data.
namespace schoolmod::moderation::classifier {
namespace {

// "the head", "the new SENCO", "the bursar": a post one person holds, which names them as surely
// as their name does. Not "a teacher" or "the teachers".
bool SoleHolder(const Analysis& a, std::size_t i) {
  // "the head lice letter": the post's word is part of the detail.
  if (a.person[i] != PersonRef::kStaff || a.is(i, WordClass::kPrivateDetail)) return false;
  const std::string_view w = a.word(i);
  const bool sole = w == "head" || w == "headteacher" || w == "headmaster" ||
                    w == "headmistress" || w == "senco" || w == "bursar" || w == "caretaker" ||
                    w == "deputy" || w == "head's" || w == "senco's" || w == "caretaker's";
  if (!sole || i == 0) return false;
  std::size_t k = i - 1;
  if (k > 0 && (a.is_word(k, "new") || a.is_word(k, "old") || a.is_word(k, "acting"))) --k;
  return a.is_word(k, "the") || a.is_word(k, "our");
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// UK numbers: 07xxx xxxxxx, 01/02/03/08 landlines, +44 7xxx..., with single spaces, dashes,
// dots or brackets between digit groups. Dates ("04/03/2016") and times never match.
void ScanPhones(std::string_view text, std::vector<RawSpan>& out) {
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n; ++i) {
    const bool plus = text[i] == '+' && i + 2 < n && text[i + 1] == '4' && text[i + 2] == '4';
    const bool zero = text[i] == '0' && i + 1 < n && IsDigit(text[i + 1]);
    if (!plus && !zero) continue;
    if (i > 0 && (IsAlnum(text[i - 1]) || text[i - 1] == '/' || text[i - 1] == '.' ||
                  text[i - 1] == ':' || text[i - 1] == '\xa3')) {
      continue;
    }
    std::string digits;
    std::size_t j = plus ? i + 1 : i;
    std::size_t last_digit = j;
    bool separator = false;
    for (; j < n; ++j) {
      const char c = text[j];
      if (IsDigit(c)) {
        digits.push_back(c);
        last_digit = j;
        separator = false;
      } else if ((c == ' ' || c == '-' || c == '.' || c == '(' || c == ')') && !separator) {
        separator = true;
      } else {
        break;
      }
    }
    if (last_digit + 1 < n && IsDigit(text[last_digit + 1])) continue;
    if (last_digit + 1 < n && IsAlpha(text[last_digit + 1])) continue;
    bool phone = false;
    if (plus) {
      // +44 (0)7700 900774: drop the country code and an optional trunk zero.
      std::string national = digits.substr(2);
      if (!national.empty() && national[0] == '0') national.erase(0, 1);
      phone = national.size() == 10 && (national[0] == '7' || national[0] == '1' ||
                                        national[0] == '2' || national[0] == '3');
    } else {
      phone = (digits.size() == 11 || (digits.size() == 10 && digits[1] == '1')) &&
              (digits[1] == '7' || digits[1] == '1' || digits[1] == '2' || digits[1] == '3' ||
               digits[1] == '8');
    }
    if (phone) {
      out.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(last_digit + 1)});
      i = last_digit;
    }
  }
}

// Mailboxes of an office rather than a person: sharing them is not exposing anyone.
bool IsRoleMailbox(std::string_view local, std::string_view domain) {
  constexpr std::array<std::string_view, 26> kRoles = {
      "office", "admin", "enquiries", "enquiry", "info", "head", "headteacher", "reception",
      "contact", "hello", "school", "bursar", "finance", "senco", "safeguarding", "dsl", "pta",
      "clerk", "governors", "attendance", "absence", "admissions", "support", "noreply",
      "no-reply", "help"};
  if (std::find(kRoles.begin(), kRoles.end(), local) != kRoles.end()) return true;
  return EndsWith(domain, ".sch.uk") || EndsWith(domain, ".gov.uk") || EndsWith(domain, ".nhs.uk") ||
         EndsWith(domain, ".ac.uk") || EndsWith(domain, ".police.uk");
}

void ScanEmails(std::string_view text, std::vector<RawSpan>& out) {
  for (std::size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    std::size_t b = at;
    while (b > 0 && (IsAlnum(text[b - 1]) || text[b - 1] == '.' || text[b - 1] == '_' ||
                     text[b - 1] == '-' || text[b - 1] == '+')) {
      --b;
    }
    std::size_t e = at + 1;
    while (e < text.size() && (IsAlnum(text[e]) || text[e] == '.' || text[e] == '-')) ++e;
    while (e > at + 1 && text[e - 1] == '.') --e;
    if (b == at || e == at + 1) continue;
    std::string_view domain = text.substr(at + 1, e - at - 1);
    const std::size_t dot = domain.rfind('.');
    if (dot == std::string_view::npos || domain.size() - dot < 3) continue;
    const std::string local = LowerCopy(text.substr(b, at - b));
    out.push_back({static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e), 0,
                   IsRoleMailbox(local, LowerCopy(domain))});
  }
}

constexpr std::array<std::string_view, 14> kShorteners = {
    "bit.ly", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "cutt.ly", "rb.gy",
    "tiny.cc", "shorturl.at", "rebrand.ly", "buff.ly", "linktr.ee", "t.ly"};
// Top-level domains a link can end in; the cheap ones scams favour score higher.
// "example" is reserved for documentation (RFC 2606): addresses in notices and tests use it.
constexpr std::array<std::string_view, 23> kPlainTlds = {
    "com", "co", "uk", "org", "net", "io", "ly", "me", "app", "tv", "us", "eu", "de", "fr",
    "pl", "ro", "es", "ie", "gg", "to", "ee", "gl", "example"};
constexpr std::array<std::string_view, 33> kCheapTlds = {
    "xyz", "shop", "store", "loan", "top", "click", "site", "online", "live", "biz", "win",
    "bid", "vip", "icu", "tk", "ml", "ga", "cf", "gq", "info", "club", "fun", "link", "cam",
    "support", "help", "claims", "services", "center", "today", "email", "ru", "cc"};
constexpr std::array<std::string_view, 9> kTrusted = {
    ".sch.uk", ".gov.uk", ".nhs.uk", ".ac.uk", ".police.uk", "bbc.co.uk", "parentpay.com",
    "gov.uk", "ofsted.gov.uk"};
constexpr std::array<std::string_view, 12> kBaitWords = {
    "claim", "verify", "login", "track", "free", "win", "reward", "appeal", "prize", "gift",
    "bonus", "secure"};

void ScanLinks(std::string_view text, std::vector<RawSpan>& out) {
  const std::size_t n = text.size();
  std::size_t resume = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (i < resume || text[i] != '.' || i == 0 || i + 1 >= n) continue;
    if (!IsAlnum(text[i - 1]) || !IsAlpha(text[i + 1])) continue;
    // The host: letters, digits, dots and dashes around the dot.
    std::size_t b = i;
    while (b > 0 && (IsAlnum(text[b - 1]) || text[b - 1] == '-' || text[b - 1] == '.')) --b;
    std::size_t e = i + 1;
    while (e < n && (IsAlnum(text[e]) || text[e] == '-' || text[e] == '.')) ++e;
    while (e > i + 1 && text[e - 1] == '.') --e;
    if (b > 0 && text[b - 1] == '@') {  // an email's domain
      resume = e;
      continue;
    }
    const std::string host = LowerCopy(text.substr(b, e - b));
    const std::size_t dot = host.rfind('.');
    const std::string_view tld = std::string_view(host).substr(dot + 1);
    const bool cheap = std::find(kCheapTlds.begin(), kCheapTlds.end(), tld) != kCheapTlds.end();
    const bool plain = std::find(kPlainTlds.begin(), kPlainTlds.end(), tld) != kPlainTlds.end();
    const bool www = host.rfind("www.", 0) == 0;
    const bool scheme = b >= 3 && text.substr(b - 3, 3) == "://";
    if (!cheap && !plain && !www && !scheme) continue;
    // "Mr.Smith", "e.g.it": a link has a path, a scheme, www, or a host name of 3+ letters.
    std::size_t path_end = e;
    while (path_end < n && text[path_end] != ' ' && text[path_end] != '\n' && text[path_end] != '\t') {
      ++path_end;
    }
    const std::string path = LowerCopy(text.substr(e, path_end - e));
    const std::string_view name = std::string_view(host).substr(0, dot);
    // A bare host is a link when it looks like one: a cheap domain, a name with a dash or a
    // digit ("insta-verify-team.com") or a subdomain ("deals.example.net"), not "Mr.Smith".
    const bool hosty = name.find('-') != std::string_view::npos ||
                       name.find('.') != std::string_view::npos ||
                       std::any_of(name.begin(), name.end(), [](char c) { return IsDigit(c); });
    if (!www && !scheme && path.empty() && (name.size() < 4 || (!cheap && !hosty)) &&
        std::find(kShorteners.begin(), kShorteners.end(), host) == kShorteners.end()) {
      continue;
    }
    int score = 1;
    if (std::find(kShorteners.begin(), kShorteners.end(), host) != kShorteners.end()) score = 3;
    if (cheap) score += 2;
    if (std::count(host.begin(), host.end(), '-') >= 2) score += 1;
    for (std::string_view bait : kBaitWords) {
      if (path.find(bait) != std::string::npos || host.find(bait) != std::string::npos) {
        score += 1;
        break;
      }
    }
    for (std::string_view trusted : kTrusted) {
      if (EndsWith(host, trusted)) score = 0;
    }
    std::size_t begin = scheme ? b - 3 : b;
    while (begin > 0 && IsAlpha(text[begin - 1])) --begin;  // "https"
    out.push_back({static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(path_end), score});
    resume = path_end;
  }
}

// UK postcodes: "AS4 7QT", "SW1A 1AA" (upper case, as written on envelopes).
void ScanPostcodes(std::string_view text, std::vector<RawSpan>& out) {
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  const std::size_t n = text.size();
  for (std::size_t i = 0; i + 5 < n; ++i) {
    if (!upper(text[i]) || (i > 0 && IsAlnum(text[i - 1]))) continue;
    std::size_t j = i + 1;
    if (upper(text[j])) ++j;
    if (j >= n || !IsDigit(text[j])) continue;
    ++j;
    if (j < n && (IsDigit(text[j]) || upper(text[j]))) ++j;
    if (j < n && text[j] == ' ') ++j;
    if (j + 2 >= n) continue;
    if (IsDigit(text[j]) && upper(text[j + 1]) && upper(text[j + 2]) &&
        (j + 3 == n || !IsAlnum(text[j + 3]))) {
      out.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j + 3)});
      i = j + 2;
    }
  }
}

// Current UK registration plates: two letters, two digits, three letters ("KX19 TWM"), as
// written on the plate. With a named person it says which car is theirs.
void ScanPlates(std::string_view text, std::vector<RawSpan>& out) {
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  const std::size_t n = text.size();
  for (std::size_t i = 0; i + 6 < n; ++i) {
    if (!upper(text[i]) || (i > 0 && IsAlnum(text[i - 1]))) continue;
    if (!upper(text[i + 1]) || !IsDigit(text[i + 2]) || !IsDigit(text[i + 3])) continue;
    std::size_t j = i + 4;
    if (text[j] == ' ') ++j;
    if (j + 2 >= n || !upper(text[j]) || !upper(text[j + 1]) || !upper(text[j + 2])) continue;
    if (j + 3 < n && IsAlnum(text[j + 3])) continue;
    out.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j + 3)});
    i = j + 2;
  }
}

}  // namespace

void ScanContacts(Analysis& a) {
  const std::string_view text = a.original;
  // The normaliser already knows whether there is anything to scan for.
  bool digits = false, postcode = false;
  for (const Token& t : a.norm.tokens) {
    digits |= (t.flags & (kNumber | kHasDigit)) != 0;
    postcode |= (t.flags & kHasDigit) && (t.flags & kCapitalised);
  }
  if (digits) ScanPhones(text, a.phones);
  if (a.norm.at_sign) ScanEmails(text, a.emails);
  if (a.norm.joined_by_dot) ScanLinks(text, a.links);
  if (postcode) {
    ScanPostcodes(text, a.postcodes);
    ScanPlates(text, a.plates);
  }
  a.has_phone = !a.phones.empty();
  a.has_url = !a.links.empty();
}

// ---------------------------------------------------------------------------------------------

void DetectSpam(Analysis& a) {
  const std::size_t n = a.size();
  if (!n) return;
  // "Message her @handle", "DM @handle": a handle to write to, which phrases cannot spell.
  int handle_contact = 0;
  for (std::size_t i = 1; i < n && handle_contact == 0; ++i) {
    if (!(a.tok(i).flags & kMention)) continue;
    for (std::size_t k = i >= 2 ? i - 2 : 0; k < i; ++k) {
      if (a.is_word(k, "message") || a.is_word(k, "dm") || a.is_word(k, "pm") ||
          a.is_word(k, "contact") || a.is_word(k, "inbox") || a.is_word(k, "whatsapp")) {
        handle_contact = 2;
      }
    }
  }
  const int contact = a.weight(Signal::kSpamContact) + handle_contact;
  int score = a.weight(Signal::kSpamStrong) + a.weight(Signal::kSpamWeak) + contact;
  int link_score = 0;
  for (const RawSpan& link : a.links) link_score = std::max(link_score, link.score);
  score += link_score;
  // Follow-for-follow hashtags (#f4f, #l4l, #follow4follow).
  int hashtags = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!(a.tok(i).flags & kHashtag)) continue;
    const std::string_view raw = a.original.substr(a.tok(i).begin, a.tok(i).end - a.tok(i).begin);
    const std::string lower = LowerCopy(raw);
    if (lower == "f4f" || lower == "l4l" || lower == "follow4follow" || lower == "like4like" ||
        lower == "followback" || lower == "s4s") {
      hashtags += 2;
    }
  }
  score += hashtags;
  if (a.has_phone && score >= 2) score += 1;
  // "Contact me on 07700..." is how parents share their number too: a contact cue counts only
  // beside something that sells.
  const int selling = a.weight(Signal::kSpamStrong) + a.weight(Signal::kSpamWeak) + link_score +
                      hashtags;
  // Spam always points somewhere (a link, a number, "DM me", a handle) and offers money, a prize
  // or a relationship, or threatens an account: two kinds of cue, whatever the wording.
  bool mention = false;
  for (std::size_t i = 0; i < n; ++i) mention = mention || (a.tok(i).flags & kMention);
  const bool channel = link_score > 0 || a.has_phone || mention || contact > 0;
  int kinds = 0;
  for (Signal s : {Signal::kSpamMoney, Signal::kSpamOffer, Signal::kSpamAccount,
                   Signal::kSpamRomance, Signal::kSpamUrgency}) {
    kinds += a.weight(s) > 0 ? 1 : 0;
  }
  const bool concepts = channel && ((kinds >= 2 && (a.weight(Signal::kSpamMoney) > 0 ||
                                                    a.weight(Signal::kSpamOffer) > 0)) ||
                                    a.weight(Signal::kSpamAccount) >= 3 ||
                                    a.weight(Signal::kSpamRomance) >= 3);
  // A parent's own trade offered to other parents ("prom hair from home, £30, message me for
  // slots", "GCSE tutor, DM for rates"): an advert a person decides on, not a scam to delete.
  // Anything of a scam's (a link, a strong cue, a prize, a threatened account) makes it spam.
  // "DM for" is a scam's cue too, but not inside "DM for rates". An advert is a few lines: with
  // more than a handful of its cues the comment is no parent's advert (and the check stays
  // linear however long the comment).
  constexpr std::size_t kMaxAdvertCues = 8;
  std::array<const SignalHit*, kMaxAdvertCues> advert_cues{};
  std::size_t advert_count = 0;
  for (const SignalHit& hit : a.matches.signals) {
    if (hit.signal != Signal::kSpamAdvert) continue;
    if (advert_count < kMaxAdvertCues) advert_cues[advert_count] = &hit;
    ++advert_count;
  }
  int strong_outside_advert = 0;
  for (const SignalHit& hit : a.matches.signals) {
    if (hit.signal != Signal::kSpamStrong || advert_count == 0 || advert_count > kMaxAdvertCues) {
      continue;
    }
    bool inside = false;
    for (std::size_t k = 0; k < advert_count; ++k) {
      inside = inside || (advert_cues[k]->first_token <= hit.first_token &&
                          advert_cues[k]->last_token >= hit.last_token);
    }
    if (!inside) strong_outside_advert += hit.weight;
  }
  const bool advert = channel && advert_count > 0 && advert_count <= kMaxAdvertCues &&
                      link_score < 2 && strong_outside_advert == 0 &&
                      a.weight(Signal::kSpamAccount) == 0 &&
                      a.weight(Signal::kSpamRomance) == 0 && a.weight(Signal::kSpamUrgency) == 0 &&
                      hashtags == 0;
  if (advert) {
    const SignalHit* hit = a.FirstHit(Signal::kSpamAdvert);
    a.Add(Category::kSpam, 1, "spam:advert", hit->first_token, hit->last_token);
    return;
  }
  if (selling == 0 && !concepts) return;
  const bool strong_cue = a.weight(Signal::kSpamStrong) >= 2 ||
                          (contact >= 2 && selling >= 1);
  if (concepts || score >= 4 || (score >= 3 && (strong_cue || link_score >= 2))) {
    std::size_t first = 0, last = n - 1;
    for (Signal s : {Signal::kSpamStrong, Signal::kSpamContact, Signal::kSpamWeak}) {
      if (const SignalHit* hit = a.FirstHit(s)) {
        first = hit->first_token;
        last = hit->last_token;
        break;
      }
    }
    a.Add(Category::kSpam, 2, link_score >= 2 ? "spam:link" : "spam:scam", first, last);
    a.spam = true;
  }
}

// ---------------------------------------------------------------------------------------------

namespace {

// The last word of a house's name in the country: "Rose Cottage", "the Old Rectory".
bool IsHouseWord(std::string_view w) {
  constexpr std::array<std::string_view, 18> kHouseWords = {
      "cottage", "cottages", "farm", "farmhouse", "house", "lodge", "barn", "grange", "manor",
      "bungalow", "mill", "rectory", "vicarage", "forge", "smithy", "schoolhouse", "villa",
      "stables"};
  return std::find(kHouseWords.begin(), kHouseWords.end(), w) != kHouseWords.end();
}

}  // namespace

void DetectPersonalData(Analysis& a) {
  const std::size_t n = a.size();
  auto add = [&](int severity, std::string_view rule, std::uint32_t begin, std::uint32_t end,
                 Exposure exposure, Target target) {
    Finding f;
    f.category = Category::kPersonalData;
    f.severity = severity;
    f.rule = rule;
    f.begin = begin;
    f.end = end;
    f.exposure = exposure;
    f.target = target;
    a.findings.push_back(f);
  };
  const Target about = a.target_all;
  // A scammer's own number is part of the spam, not someone's personal data.
  if (!a.spam) {
    for (const RawSpan& phone : a.phones) {
      add(2, "personal_data:phone", phone.begin, phone.end, Exposure::kPhone, about);
      break;
    }
  }
  for (const RawSpan& email : a.emails) {
    if (email.role || a.spam) continue;
    add(2, "personal_data:email", email.begin, email.end, Exposure::kEmail, about);
    break;
  }

  bool named = false;  // someone identified by name
  for (std::size_t i = 0; i < n; ++i) {
    named = named || a.person[i] == PersonRef::kNamedStaff || a.person[i] == PersonRef::kNamedChild ||
            a.person[i] == PersonRef::kNamedPerson;
  }

  // A street address: a house number, a capitalised name and a street word ("14 Larkspur
  // Close"), or "lives on/at/by ..." followed by a street.
  // A number of up to four characters, as a house number is.
  const auto short_number = [&](std::size_t k) {
    return (a.tok(k).flags & kNumber) && a.tok(k).end - a.tok(k).begin <= 4;
  };
  for (std::size_t i = 0; i < n; ++i) {
    const bool number = short_number(i) && !(i > 0 && a.is(i - 1, WordClass::kClassWord));
    bool lives = a.WeightIn(Signal::kLivesAt, i, i) > 0;
    // "she has moved to ...", "Oakenshaw's moved into ...": where a person now lives, not the
    // writer's own move or a class's.
    if (!lives && a.is_word(i, "moved") && (a.is_word(i + 1, "to") || a.is_word(i + 1, "into"))) {
      std::size_t subject = i;
      while (subject > 0 && subject + 3 > i &&
             (a.is_word(subject - 1, "has") || a.is_word(subject - 1, "just") ||
              a.is_word(subject - 1, "now") || a.is_word(subject - 1, "recently"))) {
        --subject;
      }
      if (subject > 0) {
        const Token& t = a.tok(subject - 1);
        lives = (a.IsPersonRef(subject - 1) && !a.is(subject - 1, WordClass::kFirstPerson)) ||
                ((t.flags & kPossessive) && (t.flags & kCapitalised) && t.classes == 0);
        // "my son has moved to ..." is the writer's own family.
        for (std::size_t k = subject >= 3 ? subject - 3 : 0; k + 1 < subject; ++k) {
          lives = lives && !a.is(k, WordClass::kFirstPerson);
        }
      }
    }
    // "everyone who lives near ..." is a neighbourhood, not someone's address.
    for (std::size_t k = i >= 3 ? i - 3 : 0; lives && k < i; ++k) {
      const std::string_view w = a.word(k);
      lives = !(w == "everyone" || w == "everybody" || w == "anyone" || w == "anybody" ||
                w == "people" || w == "residents" || w == "families" || w == "those");
    }
    if (!number && !lives) continue;
    // "lives at Flat 2, 18 Ropewalk": after "lives at", a house number and a capitalised name
    // are an address even when the street's name has no street word.
    if (lives && a.is_word(i + 1, "at")) {
      std::size_t k = i + 2;
      while (k + 1 < n && k <= i + 5 && !(short_number(k) && (a.tok(k + 1).flags & kCapitalised))) {
        ++k;
      }
      if (k + 1 < n && k <= i + 5 && short_number(k) && (a.tok(k + 1).flags & kCapitalised) &&
          !a.is(k + 1, WordClass::kClassWord) && !(a.tok(k).flags & kPauseAfter)) {
        std::size_t end = k + 1;  // the street's name runs on while capitalised
        while (end + 1 < n && !(a.tok(end).flags & kPauseAfter) &&
               (a.tok(end + 1).flags & kCapitalised)) {
          ++end;
        }
        add(2, "personal_data:address", a.tok(i).begin, a.tok(end).end, Exposure::kAddress,
            about);
        break;
      }
    }
    // "lives at Ravenscleugh Cottage", "lives in the Old Rectory": a house known by its name.
    if (lives && (a.is_word(i + 1, "at") || a.is_word(i + 1, "in"))) {
      std::size_t k = a.is_word(i + 2, "the") ? i + 3 : i + 2;
      const std::size_t name = k;
      while (k < n && k <= name + 3 && (a.tok(k).flags & kCapitalised) && !IsHouseWord(a.word(k))) {
        ++k;
      }
      if (k < n && k > name && k <= name + 3 && (a.tok(k).flags & kCapitalised) &&
          IsHouseWord(a.word(k))) {
        add(2, "personal_data:address", a.tok(i).begin, a.tok(k).end, Exposure::kAddress, about);
        break;
      }
    }
    const std::size_t reach = lives ? 8 : 3;
    for (std::size_t k = i + 1; k < n && k <= i + reach; ++k) {
      bool names = true;  // a house number is followed directly by the street's name
      if (number) {
        for (std::size_t m = i + 1; m < k; ++m) names = names && (a.tok(m).flags & kCapitalised);
      }
      if (a.is(k, WordClass::kStreetSuffix) && (a.tok(k).flags & kCapitalised) &&
          (a.tok(k - 1).flags & kCapitalised) && k - 1 != i && names) {
        const bool personal = lives || named || a.weight(Signal::kLivesAt) > 0 ||
                              !a.postcodes.empty() || about == Target::kStaff ||
                              about == Target::kPupil || about == Target::kParent;
        add(personal ? 2 : 1, "personal_data:address", a.tok(i).begin, a.tok(k).end,
            Exposure::kAddress, about);
        i = n;
        break;
      }
    }
  }
  if (!a.postcodes.empty() && !a.Has(Category::kPersonalData) && !a.spam) {
    add(named || a.weight(Signal::kLivesAt) ? 2 : 1, "personal_data:postcode",
        a.postcodes[0].begin, a.postcodes[0].end, Exposure::kAddress, about);
  }

  // A named person's car registration ("Mr X drives the silver Astra, KX19 TWM"). Beside a
  // plate a first name is enough: "Kerry-Anne from the Year 3 gate, reg FN19 XKP".
  const auto first_name = [&] {
    for (std::size_t i = 0; i < n; ++i) {
      if (a.is(i, WordClass::kFirstName) && (a.tok(i).flags & kCapitalised)) return true;
    }
    return false;
  };
  if (!a.plates.empty() && (named || first_name()) && !a.spam) {
    add(2, "personal_data:vehicle", a.plates[0].begin, a.plates[0].end, Exposure::kVehicle, about);
  }

  // A child named in full with their class or year.
  if (a.named_child) {
    std::size_t first = n, last = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (a.person[i] == PersonRef::kNamedChild) {
        first = std::min(first, i);
        last = std::max(last, i);
      }
    }
    if (first < n) {
      auto [b, e] = a.Span(first, std::min(last + 3, n - 1));
      add(1, "personal_data:child-identity", b, e, Exposure::kChildIdentity, Target::kPupil);
    }
  }

  // Health, legal or family details about a named person ("Mrs X's been off with cancer",
  // "Noah ... has type 1 diabetes", "his dad is in prison"), or about the one person who holds
  // a post ("the new SENCO is on antidepressants").
  if (named || a.child_with_class || a.any(WordClass::kStaff)) {
    // The writer's own family's details are theirs to share ("thanks Mrs Khan for finding my
    // daughter's EpiPen", "my son starts in January and still wears nappies"): "my" or "our"
    // just before the detail, or as the nearest person before it within a dozen words.
    auto own = [&](const Sentence& s, std::size_t at) {
      for (std::size_t k = at > s.first + 3 ? at - 3 : s.first; k < at; ++k) {
        if (a.is_word(k, "my") || a.is_word(k, "our")) return true;
      }
      for (std::size_t k = at; k-- > s.first && at - k <= 12;) {
        // "my 7 year old ... until she wet herself": a pronoun stands for someone further back.
        if (a.is(k, WordClass::kPron3)) continue;
        if (!a.IsPersonRef(k) && !a.is(k, WordClass::kChild) && !a.is(k, WordClass::kParent) &&
            !a.is(k, WordClass::kFamilyAdult) && !a.is(k, WordClass::kFirstPerson)) {
          continue;
        }
        return a.is(k, WordClass::kFirstPerson) ||
               (k > s.first && (a.is_word(k - 1, "my") || a.is_word(k - 1, "our")));
      }
      return false;
    };
    std::vector<int> phrase_weight(a.norm.sentences.size(), 0);
    for (const SignalHit& hit : a.matches.signals) {
      if (hit.signal != Signal::kPrivatePhrase) continue;
      if (!own(a.sentence_of(hit.first_token), hit.first_token)) {
        phrase_weight[a.tok(hit.first_token).sentence] += hit.weight;
      }
    }
    for (const Sentence& s : a.norm.sentences) {
      bool has_name = false, holder = false, detail_word = false;
      for (std::size_t i = s.first; i < s.last; ++i) {
        // "Patrycja in 8N's dad is in prison": a first name with a class names the pupil too.
        has_name = has_name || a.person[i] == PersonRef::kNamedStaff ||
                   a.person[i] == PersonRef::kNamedChild || a.person[i] == PersonRef::kNamedPerson ||
                   (a.child_with_class && a.person[i] == PersonRef::kChild &&
                    (a.tok(i).flags & kCapitalised));
        holder = holder || SoleHolder(a, i);
        detail_word = detail_word || (a.is(i, WordClass::kPrivateDetail) && !own(s, i));
      }
      // A post's holder needs the detail itself (a diagnosis, a prison sentence), not a phrase
      // that only may lead to one ("her husband is on the trust board").
      const bool detail = detail_word || phrase_weight[&s - a.norm.sentences.data()] > 0;
      if ((has_name && detail) || (holder && detail_word)) {
        auto [b, e] = a.Span(s.first, s.last - 1);
        add(2, "personal_data:private-detail", b, e, Exposure::kPrivateDetail, a.SentenceTarget(s));
        break;
      }
    }
  }

  // A date of birth, a social media account pointed at.
  if (const SignalHit* hit = a.FirstHit(Signal::kBirthDate)) {
    bool digits = false;
    for (std::size_t i = hit->last_token + 1; i < n && i <= hit->last_token + 3; ++i) {
      digits = digits || (a.tok(i).flags & (kNumber | kHasDigit));
    }
    if (digits) {
      auto [b, e] = a.Span(hit->first_token, std::min<std::size_t>(hit->last_token + 3, n - 1));
      add(named ? 2 : 1, "personal_data:birth-date", b, e, Exposure::kBirthDate, about);
    }
  }
  if (const SignalHit* hit = a.FirstHit(Signal::kAccount); hit && !a.spam) {
    bool handle = false;
    for (std::size_t i = hit->last_token + 1; i < n && i <= hit->last_token + 3; ++i) {
      handle = handle || (a.tok(i).flags & kMention);
    }
    // A platform's name alone ("the leavers' TikTok with Mrs P dancing") is a video, not an
    // account pointed at, unless a handle follows.
    const bool bare_platform = hit->first_token == hit->last_token;
    if (handle || (named && !bare_platform)) {
      auto [b, e] = a.Span(hit->first_token, std::min<std::size_t>(hit->last_token + 3, n - 1));
      add(2, "personal_data:account", b, e, Exposure::kAccount, about);
    }
  }
}

void ExposeChildAtRisk(Analysis& a) {
  // Already named in full, or no child at risk: DetectPersonalData has said all there is.
  if (!a.child_with_class || a.named_child || !a.Has(Category::kSafeguarding)) return;
  for (const Finding& f : a.findings) {
    if (f.exposure == Exposure::kChildIdentity) return;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a.person[i] != PersonRef::kChild || !(a.tok(i).flags & kCapitalised)) continue;
    a.Add(Category::kPersonalData, 2, "personal_data:child-identity", i,
          std::min(i + 3, a.size() - 1), Target::kPupil);
    a.findings.back().exposure = Exposure::kChildIdentity;
    return;
  }
}

}  // namespace schoolmod::moderation::classifier
