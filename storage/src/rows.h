#pragma once

// Column lists and row readers shared by the queries that return comments, verdicts, clocks,
// outbox rows and audit rows. Each list gives its columns fixed aliases (c_, v_, s_, a_, n_, l_)
// so one reader serves every query that selects the list, whatever else it joins.

#include <optional>
#include <string>

#include <SQLiteCpp/Statement.h>

#include "schoolmod/connectors/types.h"
#include "schoolmod/moderation/verdict.h"
#include "schoolmod/storage/audit.h"
#include "schoolmod/storage/outbox.h"
#include "schoolmod/storage/records.h"

namespace schoolmod::storage::internal {

// comments AS c
extern const char* const kCommentColumns;
// verdicts AS v
extern const char* const kVerdictColumns;
// sla_items AS s (all NULL on an outer join without a clock)
extern const char* const kSlaColumns;
// action_outbox AS a JOIN comments AS c ON c.id = a.comment_id
extern const char* const kActionColumns;
// notification_outbox AS n
extern const char* const kNotificationColumns;
// audit_log AS l
extern const char* const kAuditColumns;

StoredComment ReadComment(const SQLite::Statement& q);
StoredVerdict ReadVerdict(const SQLite::Statement& q);
std::optional<StoredVerdict> ReadOptVerdict(const SQLite::Statement& q);
std::optional<SlaItem> ReadOptSla(const SQLite::Statement& q);
OutboxAction ReadAction(const SQLite::Statement& q);
OutboxNotification ReadNotification(const SQLite::Statement& q);
AuditRecord ReadAudit(const SQLite::Statement& q);

// The verdict's list fields as stored (JSON arrays). Unknown names read back are skipped, so an
// older build can read a newer classifier's categories.
std::string CategoriesJson(const moderation::Verdict& v);
std::string ActionsJson(const moderation::Verdict& v);
std::string ReasonsJson(const moderation::Verdict& v);
std::string OutcomeJson(const connectors::ActionOutcome& outcome);

}  // namespace schoolmod::storage::internal
