#include "rows.h"

#include <nlohmann/json.hpp>

#include "sql.h"

namespace schoolmod::storage::internal {

const char* const kCommentColumns =
    "c.id AS c_id, c.account_id AS c_account_id, c.platform AS c_platform, "
    "c.school_id AS c_school_id, c.platform_id AS c_platform_id, c.post_id AS c_post_id, "
    "c.permalink AS c_permalink, c.parent_platform_id AS c_parent_platform_id, "
    "c.author_id AS c_author_id, c.author_name AS c_author_name, c.text AS c_text, "
    "c.created_at AS c_created_at, c.updated_at AS c_updated_at, c.fetched_at AS c_fetched_at, "
    "c.hidden AS c_hidden, c.own AS c_own, c.deleted_at AS c_deleted_at, "
    "c.text_purged AS c_text_purged, c.reviewed_at AS c_reviewed_at, "
    "c.reviewed_by AS c_reviewed_by";

const char* const kVerdictColumns =
    "v.id AS v_id, v.comment_id AS v_comment_id, v.classifier AS v_classifier, "
    "v.verdict AS v_verdict, v.categories AS v_categories, v.severity AS v_severity, "
    "v.needs_response AS v_needs_response, v.safeguarding AS v_safeguarding, "
    "v.personal_data AS v_personal_data, v.actions AS v_actions, v.reasons AS v_reasons, "
    "v.decided_at AS v_decided_at";

const char* const kSlaColumns =
    "s.id AS s_id, s.comment_id AS s_comment_id, s.school_id AS s_school_id, "
    "s.account_id AS s_account_id, s.received_at AS s_received_at, s.due_at AS s_due_at, "
    "s.state AS s_state, s.stopped_at AS s_stopped_at, s.stopped_by AS s_stopped_by, "
    "s.stop_reason AS s_stop_reason, s.breached_at AS s_breached_at";

const char* const kActionColumns =
    "a.id AS a_id, a.idempotency_key AS a_idempotency_key, a.account_id AS a_account_id, "
    "a.comment_id AS a_comment_id, a.kind AS a_kind, a.reason AS a_reason, "
    "a.message AS a_message, a.requested_by AS a_requested_by, a.state AS a_state, "
    "a.attempts AS a_attempts, a.next_attempt_at AS a_next_attempt_at, "
    "a.last_error AS a_last_error, a.outcome AS a_outcome, a.created_at AS a_created_at, "
    "a.done_at AS a_done_at, c.platform AS a_platform, "
    "c.platform_id AS a_comment_platform_id, c.post_id AS a_post_id, c.author_id AS a_author_id";

const char* const kNotificationColumns =
    "n.id AS n_id, n.dedupe_key AS n_dedupe_key, n.kind AS n_kind, n.item_id AS n_item_id, "
    "n.recipient AS n_recipient, n.subject AS n_subject, n.body_text AS n_body_text, "
    "n.body_html AS n_body_html, n.message_id AS n_message_id, n.due_at AS n_due_at, "
    "n.state AS n_state, n.attempts AS n_attempts, n.next_attempt_at AS n_next_attempt_at, "
    "n.last_error AS n_last_error, n.created_at AS n_created_at, n.sent_at AS n_sent_at, "
    "n.failed_at AS n_failed_at";

const char* const kAuditColumns =
    "l.id AS l_id, l.at AS l_at, l.actor AS l_actor, l.action AS l_action, "
    "l.subject AS l_subject, l.reason AS l_reason, l.details AS l_details, "
    "l.prev_hash AS l_prev_hash, l.hash AS l_hash";

namespace {

nlohmann::json ParseJsonOr(const std::string& text, nlohmann::json fallback) {
  auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return fallback;
  return parsed;
}

}  // namespace

StoredComment ReadComment(const SQLite::Statement& q) {
  StoredComment c;
  c.id = ColInt(q, "c_id");
  c.account_id = ColText(q, "c_account_id");
  c.platform = ColText(q, "c_platform");
  c.school_id = ColText(q, "c_school_id");
  c.comment.platform_id = ColText(q, "c_platform_id");
  c.comment.post_id = ColText(q, "c_post_id");
  c.comment.permalink = ColText(q, "c_permalink");
  c.comment.parent_id = ColOptText(q, "c_parent_platform_id");
  c.comment.author_id = ColOptText(q, "c_author_id");
  c.comment.author_name = ColOptText(q, "c_author_name");
  c.comment.text = ColText(q, "c_text");
  c.comment.created_at = ColTime(q, "c_created_at");
  c.comment.updated_at = ColOptTime(q, "c_updated_at");
  c.comment.hidden = ColBool(q, "c_hidden");
  c.comment.own = ColBool(q, "c_own");
  c.deleted_at = ColOptTime(q, "c_deleted_at");
  c.comment.deleted = c.deleted_at.has_value();
  c.fetched_at = ColTime(q, "c_fetched_at");
  c.text_purged = ColBool(q, "c_text_purged");
  c.reviewed_at = ColOptTime(q, "c_reviewed_at");
  c.reviewed_by = ColText(q, "c_reviewed_by");
  return c;
}

StoredVerdict ReadVerdict(const SQLite::Statement& q) {
  StoredVerdict s;
  s.id = ColInt(q, "v_id");
  s.comment_id = ColInt(q, "v_comment_id");
  s.decided_at = ColTime(q, "v_decided_at");
  moderation::Verdict& v = s.verdict;
  v.classifier = ColText(q, "v_classifier");
  v.verdict = moderation::ParseVerdictKind(ColText(q, "v_verdict"))
                  .value_or(moderation::VerdictKind::kReview);
  v.severity = static_cast<int>(ColInt(q, "v_severity"));
  v.needs_response = ColBool(q, "v_needs_response");
  v.safeguarding = ColBool(q, "v_safeguarding");
  v.personal_data = ColBool(q, "v_personal_data");
  for (const auto& name : ParseJsonOr(ColText(q, "v_categories"), nlohmann::json::array())) {
    if (!name.is_string()) continue;
    if (auto c = moderation::ParseCategory(name.get<std::string>())) v.categories.push_back(*c);
  }
  for (const auto& name : ParseJsonOr(ColText(q, "v_actions"), nlohmann::json::array())) {
    if (!name.is_string()) continue;
    if (auto a = moderation::ParseRecommendedAction(name.get<std::string>())) {
      v.actions.push_back(*a);
    }
  }
  for (const auto& r : ParseJsonOr(ColText(q, "v_reasons"), nlohmann::json::array())) {
    if (!r.is_object()) continue;
    moderation::Reason reason;
    auto category = moderation::ParseCategory(r.value("category", ""));
    if (!category) continue;
    reason.category = *category;
    reason.rule = r.value("rule", "");
    reason.begin = r.value("begin", std::size_t{0});
    reason.end = r.value("end", std::size_t{0});
    reason.explanation = r.value("explanation", "");
    v.reasons.push_back(std::move(reason));
  }
  return s;
}

std::optional<StoredVerdict> ReadOptVerdict(const SQLite::Statement& q) {
  if (ColIsNull(q, "v_id")) return std::nullopt;
  return ReadVerdict(q);
}

std::optional<SlaItem> ReadOptSla(const SQLite::Statement& q) {
  if (ColIsNull(q, "s_id")) return std::nullopt;
  SlaItem s;
  s.id = ColInt(q, "s_id");
  s.comment_id = ColInt(q, "s_comment_id");
  s.school_id = ColText(q, "s_school_id");
  s.account_id = ColText(q, "s_account_id");
  s.received_at = ColTime(q, "s_received_at");
  s.due_at = ColTime(q, "s_due_at");
  s.state = ParseSlaState(ColText(q, "s_state")).value_or(SlaState::kOpen);
  s.stopped_at = ColOptTime(q, "s_stopped_at");
  s.stopped_by = ColText(q, "s_stopped_by");
  s.stop_reason = ColText(q, "s_stop_reason");
  s.breached_at = ColOptTime(q, "s_breached_at");
  return s;
}

OutboxAction ReadAction(const SQLite::Statement& q) {
  OutboxAction a;
  a.id = ColInt(q, "a_id");
  a.idempotency_key = ColText(q, "a_idempotency_key");
  a.account_id = ColText(q, "a_account_id");
  a.comment_id = ColInt(q, "a_comment_id");
  // The CHECK constraint admits only known kinds.
  a.kind =
      connectors::ParseActionKind(ColText(q, "a_kind")).value_or(connectors::ActionKind::kHide);
  a.reason = ColText(q, "a_reason");
  a.message = ColText(q, "a_message");
  a.requested_by = ColText(q, "a_requested_by");
  a.state = ParseActionState(ColText(q, "a_state")).value_or(ActionState::kPending);
  a.attempts = static_cast<int>(ColInt(q, "a_attempts"));
  a.next_attempt_at = ColTime(q, "a_next_attempt_at");
  a.last_error = ColText(q, "a_last_error");
  if (auto outcome = ColOptText(q, "a_outcome")) {
    auto j = ParseJsonOr(*outcome, nlohmann::json::object());
    if (j.is_object()) {
      connectors::ActionOutcome o;
      o.platform_ref = j.value("platform_ref", "");
      o.manual = j.value("manual", false);
      o.note = j.value("note", "");
      a.outcome = std::move(o);
    }
  }
  a.created_at = ColTime(q, "a_created_at");
  a.done_at = ColOptTime(q, "a_done_at");
  a.platform = ColText(q, "a_platform");
  a.comment_platform_id = ColText(q, "a_comment_platform_id");
  a.post_id = ColText(q, "a_post_id");
  a.author_id = ColOptText(q, "a_author_id");
  return a;
}

OutboxNotification ReadNotification(const SQLite::Statement& q) {
  OutboxNotification n;
  n.id = ColInt(q, "n_id");
  n.dedupe_key = ColText(q, "n_dedupe_key");
  n.kind = ColText(q, "n_kind");
  if (!ColIsNull(q, "n_item_id")) n.item_id = ColInt(q, "n_item_id");
  n.recipient = ColText(q, "n_recipient");
  n.subject = ColText(q, "n_subject");
  n.body_text = ColText(q, "n_body_text");
  n.body_html = ColText(q, "n_body_html");
  n.message_id = ColText(q, "n_message_id");
  n.due_at = ColTime(q, "n_due_at");
  n.state = ParseNotificationState(ColText(q, "n_state")).value_or(NotificationState::kPending);
  n.attempts = static_cast<int>(ColInt(q, "n_attempts"));
  n.next_attempt_at = ColTime(q, "n_next_attempt_at");
  n.last_error = ColText(q, "n_last_error");
  n.created_at = ColTime(q, "n_created_at");
  n.sent_at = ColOptTime(q, "n_sent_at");
  n.failed_at = ColOptTime(q, "n_failed_at");
  return n;
}

AuditRecord ReadAudit(const SQLite::Statement& q) {
  AuditRecord r;
  r.id = ColInt(q, "l_id");
  r.entry.at = ColTime(q, "l_at");
  r.entry.actor = ColText(q, "l_actor");
  r.entry.action = ColText(q, "l_action");
  r.entry.subject = ColText(q, "l_subject");
  r.entry.reason = ColText(q, "l_reason");
  r.entry.details = ColText(q, "l_details");
  r.prev_hash = ColText(q, "l_prev_hash");
  r.hash = ColText(q, "l_hash");
  return r;
}

std::string CategoriesJson(const moderation::Verdict& v) {
  auto j = nlohmann::json::array();
  for (auto c : v.categories) j.push_back(std::string(moderation::ToString(c)));
  return j.dump();
}

std::string ActionsJson(const moderation::Verdict& v) {
  auto j = nlohmann::json::array();
  for (auto a : v.actions) j.push_back(std::string(moderation::ToString(a)));
  return j.dump();
}

std::string ReasonsJson(const moderation::Verdict& v) {
  auto j = nlohmann::json::array();
  for (const auto& r : v.reasons) {
    j.push_back({{"category", std::string(moderation::ToString(r.category))},
                 {"rule", r.rule},
                 {"begin", r.begin},
                 {"end", r.end},
                 {"explanation", r.explanation}});
  }
  // Replace, not throw, on invalid UTF-8: an explanation may carry bytes of hostile text.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string OutcomeJson(const connectors::ActionOutcome& outcome) {
  nlohmann::json j = {
      {"platform_ref", outcome.platform_ref}, {"manual", outcome.manual}, {"note", outcome.note}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace schoolmod::storage::internal
