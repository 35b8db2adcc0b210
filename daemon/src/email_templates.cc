#include "email_templates.h"

#include <date/tz.h>
#include <fmt/format.h>

namespace schoolmod::daemon {
namespace {

using mail::BodyBlock;

std::string HumanSpan(Seconds d) {
  auto minutes = std::chrono::duration_cast<std::chrono::minutes>(d).count();
  if (minutes < 0) minutes = -minutes;
  if (minutes < 60) return fmt::format("{} minute{}", minutes, minutes == 1 ? "" : "s");
  auto hours = minutes / 60;
  if (hours < 48) return fmt::format("{} hour{}", hours, hours == 1 ? "" : "s");
  return fmt::format("{} days", hours / 24);
}

std::string Join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

// Subjects name only our own values (school, account): a comment's words could carry anything,
// so they stay out of headers altogether.
EmailContent Assemble(std::string subject, const std::string& intro, const ItemFacts& item,
                      bool include_comment, const std::string& closing) {
  std::string facts = fmt::format("School: {}\nAccount: {} ({})\nReceived: {}", item.school_name,
                                  item.account_id, item.platform,
                                  LocalTimeLabel(item.received_at, item.timezone));
  if (item.due_at) facts += "\nResponse due: " + LocalTimeLabel(*item.due_at, item.timezone);
  if (include_comment) {
    facts += "\nFrom: " + (item.author.empty() ? std::string("unknown") : item.author);
    facts += "\nAssessment: " + item.verdict;
    if (!item.categories.empty()) facts += " (" + Join(item.categories, ", ") + ")";
  }

  EmailContent out;
  out.subject = std::move(subject);
  out.body.push_back(BodyBlock::Paragraph(intro));
  out.body.push_back(BodyBlock::Paragraph(facts));
  if (include_comment) {
    out.body.push_back(BodyBlock::Paragraph("The comment:"));
    out.body.push_back(BodyBlock::Quote(item.comment_text));
    if (!item.explanations.empty()) {
      out.body.push_back(
          BodyBlock::Paragraph("Why schoolmod flagged it: " + Join(item.explanations, "; ")));
    }
  }
  out.body.push_back(BodyBlock::Link("Open the item in schoolmod", item.item_url));
  if (!item.permalink.empty()) {
    out.body.push_back(BodyBlock::Link("View it on " + item.platform, item.permalink));
  }
  out.body.push_back(BodyBlock::Paragraph(closing));
  return out;
}

constexpr const char* kPolicyClosing =
    "School policy: every comment, query or complaint is answered within 24 hours, or on the "
    "next working day at weekends and in holidays, even if only to acknowledge it.";

}  // namespace

std::string LocalTimeLabel(TimePoint t, const std::string& timezone) {
  try {
    auto zoned = date::make_zoned(timezone, t);
    return date::format("%a %d %b %Y %H:%M %Z", zoned);
  } catch (const std::exception&) {
    return date::format("%a %d %b %Y %H:%M UTC", t);
  }
}

EmailContent NewItemEmail(const ItemFacts& item) {
  return Assemble(fmt::format("[{}] New comment needs a response ({})", item.school_name,
                              item.account_id),
                  "A new comment on the school's " + item.platform +
                      " account needs a response or an acknowledgement.",
                  item, true, kPolicyClosing);
}

EmailContent SafeguardingAlertEmail(const ItemFacts& item) {
  return Assemble(fmt::format("[{}] SAFEGUARDING: a comment needs the DSL now ({})",
                              item.school_name, item.account_id),
                  "A comment on the school's " + item.platform +
                      " account may show that a child is at risk. It has been kept as evidence. "
                      "The text is not included in this email: open the item to read it.",
                  item, false,
                  "Follow the school's safeguarding procedures. Do not delete the comment "
                  "without keeping a record.");
}

EmailContent ReminderEmail(const ItemFacts& item, TimePoint now) {
  std::string when = item.due_at ? (*item.due_at > now ? "due in " + HumanSpan(*item.due_at - now)
                                                       : "due now")
                                 : "due soon";
  return Assemble(fmt::format("[{}] Reminder: response {} ({})", item.school_name, when,
                              item.account_id),
                  "A comment on the school's " + item.platform +
                      " account is still waiting for a response, " + when + ".",
                  item, true, kPolicyClosing);
}

EmailContent BreachEmail(const ItemFacts& item, TimePoint now, int repeat) {
  std::string late = item.due_at ? HumanSpan(now - *item.due_at) : "some time";
  return Assemble(fmt::format("[{}] Overdue{}: a comment has waited past its deadline ({})",
                              item.school_name, repeat > 0 ? " again" : "", item.account_id),
                  "A comment on the school's " + item.platform +
                      " account has not been answered and is " + late +
                      " past its response deadline.",
                  item, true, kPolicyClosing);
}

}  // namespace schoolmod::daemon
