#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mail/message.h"
#include "schoolmod/time.h"

namespace schoolmod::daemon {

// The words of every email schoolmod sends. Comment text is hostile: it appears only in the
// body as a quote block (the mail renderer quotes and escapes it), never in a subject.
struct EmailContent {
  std::string subject;
  std::vector<mail::BodyBlock> body;
};

// What an email says about one queue item.
struct ItemFacts {
  std::string school_name;
  std::string timezone;        // the school's zone, for the times shown
  std::string account_id;
  std::string platform;
  std::string author;          // "unknown" when the platform withheld it
  std::string comment_text;    // left out of safeguarding alerts
  std::string permalink;       // may be empty
  std::string item_url;        // the item in the admin UI
  std::string verdict;         // "ok", "review", "remove"
  std::vector<std::string> categories;
  std::vector<std::string> explanations;  // the classifier's reasons, for administrators
  TimePoint received_at{};
  std::optional<TimePoint> due_at;
};

// "Mon 23 Nov 2026 17:00 GMT": an instant as the school reads it. Falls back to UTC when the
// zone is unknown.
std::string LocalTimeLabel(TimePoint t, const std::string& timezone);

// A new comment needs a response: to the account's administrators.
EmailContent NewItemEmail(const ItemFacts& item);
// A child may be at risk: to the safeguarding contacts at once. No comment text, only a link.
EmailContent SafeguardingAlertEmail(const ItemFacts& item);
// A response is due soon: to the administrators.
EmailContent ReminderEmail(const ItemFacts& item, TimePoint now);
// The deadline has passed: to the administrators and the escalation contacts. `repeat` counts
// earlier breach alerts for the same item.
EmailContent BreachEmail(const ItemFacts& item, TimePoint now, int repeat);

}  // namespace schoolmod::daemon
