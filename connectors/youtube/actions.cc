#include "youtube/actions.h"

#include <fmt/format.h>
#include <spdlog/logger.h>

#include <optional>
#include <string>

#include "youtube/parse.h"

namespace schoolmod::connectors::youtube {
namespace {

constexpr const char* kGoneNote = "the comment is no longer on YouTube (deleted or rejected)";

// The answers that mean the comment does not exist (any more): documented for
// setModerationStatus as 404 commentNotFound and 400 processingFailure (deleted by its author).
bool IsGone(const Failure& f) {
  return f.reason == "commentNotFound" || f.reason == "processingFailure";
}

std::string_view Trim(std::string_view s) {
  const auto begin = s.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(" \t\r\n") - begin + 1);
}

ApiCall ActionCall(std::string_view name, std::string method, std::string path, int units) {
  ApiCall call;
  call.name = name;
  call.method = std::move(method);
  call.path = std::move(path);
  call.units = units;
  call.keep_units = 0;  // actions may spend the reserve the polls leave
  return call;
}

// Whether comment `id` still exists: comments.list accepts top-level and reply ids alike.
Result<bool> Exists(Api& api, const std::string& id) {
  ApiCall call = ActionCall("comments.list", "GET", "comments", kListCost);
  call.query = {{"part", "id"}, {"id", id}};
  Reply reply = api.Send(call);
  if (reply.failure) return api.ToError(*reply.failure, call.name);
  std::string reason;
  auto page = ReadPage(reply.json, reason);
  if (!page) return Error::Transient(fmt::format("account {}: youtube comments.list answer "
                                                 "unusable: {}",
                                                 api.settings().account_id, reason));
  for (const Json& item : *page->items) {
    if (ItemId(item) == id) return true;
  }
  return false;
}

// The school's own comments are deleted outright: comments.delete works for the author only,
// which here is exactly the channel.
Result<ActionOutcome> DeleteOwn(Api& api, const Action& action) {
  ApiCall call = ActionCall("comments.delete", "DELETE", "comments", kWriteCost);
  call.query = {{"id", action.comment_id}};
  Reply reply = api.Send(call);
  if (!reply.failure) return ActionOutcome{};
  if (IsGone(*reply.failure)) {
    ActionOutcome outcome;
    outcome.note = kGoneNote;
    return outcome;
  }
  return api.ToError(*reply.failure, call.name);
}

Result<ActionOutcome> Moderate(Api& api, const Action& action, spdlog::logger& log) {
  ApiCall call = ActionCall("comments.setModerationStatus", "POST",
                            "comments/setModerationStatus", kWriteCost);
  call.query = {{"id", action.comment_id}};
  switch (action.kind) {
    case ActionKind::kHide: call.query.emplace_back("moderationStatus", "heldForReview"); break;
    case ActionKind::kUnhide: call.query.emplace_back("moderationStatus", "published"); break;
    case ActionKind::kDelete: call.query.emplace_back("moderationStatus", "rejected"); break;
    case ActionKind::kBlock:
      // banAuthor is only accepted together with rejected (400 banWithoutReject otherwise).
      call.query.emplace_back("moderationStatus", "rejected");
      call.query.emplace_back("banAuthor", "true");
      break;
    default: break;
  }
  Reply reply = api.Send(call);
  if (!reply.failure) return ActionOutcome{};

  const Failure& failure = *reply.failure;
  const bool removes = action.kind != ActionKind::kUnhide;
  if (IsGone(failure)) {
    if (!removes) {
      return Error::Permanent(fmt::format(
          "account {}: youtube comment {} cannot be published again: it was rejected or deleted",
          api.settings().account_id, action.comment_id));
    }
    ActionOutcome outcome;
    outcome.note = kGoneNote;
    return outcome;
  }
  // 403 forbidden also answers an id that no longer exists; look before calling it a missing
  // permission, so a retry after a rejection is not reported as a broken account.
  if (removes && failure.status == 403 && failure.reason == "forbidden") {
    auto exists = Exists(api, action.comment_id);
    if (exists && !*exists) {
      log.debug("youtube comment gone account={} comment={} action={}", api.settings().account_id,
                action.comment_id, ToString(action.kind));
      ActionOutcome outcome;
      outcome.note = kGoneNote;
      return outcome;
    }
  }
  return api.ToError(failure, call.name);
}

// The channel's own reply to `parent` with this text, if an earlier attempt already posted it.
Result<std::optional<std::string>> FindOwnReply(Api& api, const std::string& parent,
                                                std::string_view text) {
  std::optional<std::string> page_token;
  for (int pages = 0; pages < 50; ++pages) {
    ApiCall call = ActionCall("comments.list", "GET", "comments", kListCost);
    call.query = {{"part", "snippet"},
                  {"parentId", parent},
                  {"maxResults", "100"},
                  {"textFormat", "plainText"}};
    if (page_token) call.query.emplace_back("pageToken", *page_token);
    Reply reply = api.Send(call);
    if (reply.failure) return api.ToError(*reply.failure, call.name);
    std::string reason;
    auto page = ReadPage(reply.json, reason);
    if (!page) {
      return Error::Transient(fmt::format("account {}: youtube comments.list answer unusable: {}",
                                          api.settings().account_id, reason));
    }
    for (const Json& item : *page->items) {
      auto c = ParseComment(item, api.settings().channel_id, "", reason);
      if (c && c->comment.own && Trim(c->comment.text) == Trim(text)) {
        return std::optional<std::string>(c->comment.platform_id);
      }
    }
    if (!page->next_page_token || page->next_page_token == page_token) break;
    page_token = page->next_page_token;
  }
  return std::optional<std::string>();
}

Result<ActionOutcome> PostReply(Api& api, const Action& action, spdlog::logger& log) {
  if (Trim(action.message).empty()) {
    return Error::InvalidInput(fmt::format("account {}: youtube reply to {} has no text",
                                           api.settings().account_id, action.comment_id));
  }
  // Replies are one level deep: answering a reply means replying in its thread, whose top-level
  // id is the part of a reply id before the dot.
  const std::string parent = action.comment_id.substr(0, action.comment_id.find('.'));
  auto existing = FindOwnReply(api, parent, action.message);
  if (!existing) return existing.error();
  if (*existing) {
    log.debug("youtube reply already posted account={} parent={} reply={}",
              api.settings().account_id, parent, **existing);
    ActionOutcome outcome;
    outcome.platform_ref = **existing;
    outcome.note = "already posted";
    return outcome;
  }

  ApiCall call = ActionCall("comments.insert", "POST", "comments", kWriteCost);
  call.query = {{"part", "snippet"}};
  Json body = {{"snippet", {{"parentId", parent}, {"textOriginal", action.message}}}};
  call.json_body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  Reply reply = api.Send(call);
  if (reply.failure) return api.ToError(*reply.failure, call.name);
  ActionOutcome outcome;
  // Posted either way; without an id the next poll still brings the reply in as our own.
  outcome.platform_ref = ItemId(reply.json);
  if (outcome.platform_ref == "?") {
    outcome.platform_ref.clear();
    outcome.note = "posted; YouTube returned no comment id";
  }
  return outcome;
}

}  // namespace

Result<ActionOutcome> RunAction(Api& api, const Action& action, spdlog::logger& log) {
  if (action.kind == ActionKind::kReply) return PostReply(api, action, log);
  if (action.kind == ActionKind::kDelete && action.author_id == api.settings().channel_id) {
    return DeleteOwn(api, action);
  }
  return Moderate(api, action, log);
}

}  // namespace schoolmod::connectors::youtube
