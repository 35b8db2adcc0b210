#include "youtube/poll.h"

#include <fmt/format.h>
#include <spdlog/logger.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "youtube/cursor.h"
#include "youtube/parse.h"

namespace schoolmod::connectors::youtube {
namespace {

// commentThreads.list accepts at most 50 ids per call.
constexpr std::size_t kIdsPerLookup = 50;

// Failures that concern one video or thread, not the poll: comments turned off, or the thread
// deleted between the listing and the replies request.
bool SkipsOnlyThisThread(const Failure& f) {
  return f.reason == "commentsDisabled" || f.reason == "commentNotFound" ||
         f.reason == "videoNotFound" || f.reason == "parentCommentNotFound" ||
         f.reason == "processingFailure";
}

class Poller {
 public:
  Poller(Api& api, CursorState state, spdlog::logger& log)
      : api_(api),
        settings_(api.settings()),
        log_(log),
        state_(std::move(state)),
        now_(api.now()),
        window_start_(now_ - settings_.lookback),
        keep_units_(settings_.daily_quota / kActionReserveDivisor) {
    const TimePoint mark = FromUnixSeconds(state_.mark);
    const TimePoint scanned = FromUnixSeconds(state_.scanned_at);
    full_ = state_.scanned_at == 0 || scanned > now_ || now_ - scanned >= kRescanInterval;
    const TimePoint held = FromUnixSeconds(state_.held_at);
    // A full scan reads the held listing too: telling held from deleted needs both.
    read_held_ = full_ || state_.held_at == 0 || held > now_ || now_ - held >= kHeldInterval;
    cut_ = std::max(mark - kOverlap, window_start_);
    new_mark_ = state_.mark;
  }

  Result<PollResult> Run() {
    if (auto r = ReadListing(/*held=*/false); !r) return r.error();
    if (read_held_) {
      if (auto r = ReadListing(/*held=*/true); !r) return r.error();
    }
    if (full_ && !listing_incomplete_) {
      if (auto r = ConfirmMissing(); !r) return r.error();
    }
    state_.mark = new_mark_;
    if (full_) state_.scanned_at = ToUnixSeconds(now_);
    if (read_held_) state_.held_at = ToUnixSeconds(now_);
    Prune();

    PollResult result;
    result.comments.reserve(out_.size());
    for (auto& [id, c] : out_) result.comments.push_back(std::move(c));
    // Oldest first; a reply never before its thread's top-level comment of the same second.
    std::sort(result.comments.begin(), result.comments.end(),
              [](const Comment& a, const Comment& b) {
                return std::tuple(a.created_at, a.parent_id.has_value(), a.platform_id) <
                       std::tuple(b.created_at, b.parent_id.has_value(), b.platform_id);
              });
    result.next_cursor.value = EncodeCursor(state_);
    result.api_calls = api_.requests();
    result.skipped = skipped_;
    result.rate_limit.remaining = api_.remaining_units();
    result.rate_limit.reset_at = api_.quota_reset();
    log_.debug(
        "youtube poll account={} full_scan={} held_checked={} requests={} comments={} skipped={} "
        "quota_left={}",
        settings_.account_id, full_, read_held_, result.api_calls, result.comments.size(),
        skipped_, api_.remaining_units());
    return result;
  }

 private:
  ApiCall ListCall(std::string_view name, std::string path) const {
    ApiCall call;
    call.name = name;
    call.path = std::move(path);
    call.units = kListCost;
    call.keep_units = keep_units_;
    return call;
  }

  // Reads the public or the held-for-review listing of the whole channel, newest first.
  Result<void> ReadListing(bool held) {
    std::optional<std::string> page_token;
    for (int pages = 0;; ++pages) {
      if (pages == kMaxPages) {
        return Error::Transient(fmt::format("account {}: youtube commentThreads.list gave more "
                                            "than {} pages",
                                            settings_.account_id, kMaxPages));
      }
      ApiCall call = ListCall("commentThreads.list", "commentThreads");
      call.query = {{"part", "snippet,replies"},
                    {"allThreadsRelatedToChannelId", settings_.channel_id},
                    {"order", "time"},
                    {"maxResults", "100"},
                    {"textFormat", "plainText"}};
      if (held) call.query.emplace_back("moderationStatus", "heldForReview");
      if (page_token) call.query.emplace_back("pageToken", *page_token);
      Reply reply = api_.Send(call);
      if (reply.failure) {
        if (reply.failure->reason == "commentsDisabled") {
          log_.info("youtube comments are disabled account={} channel={}", settings_.account_id,
                    settings_.channel_id);
          // The threads still exist, only out of view: not evidence of deletions.
          listing_incomplete_ = true;
          return Ok();
        }
        return api_.ToError(*reply.failure, call.name);
      }
      std::string reason;
      auto page = ReadPage(reply.json, reason);
      if (!page) return Unusable(call.name, reason);

      bool reached_known = false;
      for (const Json& item : *page->items) {
        auto thread = ParseThread(item, settings_.channel_id, reason);
        if (!thread) {
          Skip(item, reason);
          continue;
        }
        auto changed = HandleThread(*thread, held);
        if (!changed) return changed.error();
        if (thread->activity < window_start_) {
          reached_known = true;  // older than the window: everything after it is too
        } else if (!held && !full_ && !*changed && thread->activity <= cut_) {
          reached_known = true;  // the rest of the listing was read by earlier polls
        }
      }
      // The rest of this page was free; the next one is not.
      if (reached_known || !page->next_page_token) return Ok();
      if (page_token == page->next_page_token) {
        return Unusable(call.name, "the same nextPageToken came back twice");
      }
      page_token = page->next_page_token;
    }
  }

  // Emits what is new or changed in one thread and records it in the cursor state. Returns
  // whether anything was.
  Result<bool> HandleThread(const ParsedThread& thread, bool held) {
    if (thread.activity < window_start_) return false;
    seen_.insert(thread.id);
    const std::int64_t activity = ToUnixSeconds(thread.activity);
    if (!held) new_mark_ = std::max(new_mark_, activity);

    auto it = state_.threads.find(thread.id);
    const bool known = it != state_.threads.end();
    const ThreadState before = known ? it->second : ThreadState{};
    const bool flipped = known && before.held != held;
    const bool count_changed = !known || before.replies != thread.total_reply_count;
    if (known && !flipped && !count_changed && activity <= before.activity) return false;

    skipped_ += thread.skipped_replies;
    const TimePoint seen_until = FromUnixSeconds(before.activity);
    ThreadState after;
    after.published = ToUnixSeconds(thread.top.comment.created_at);
    after.activity = activity;
    after.replies = thread.total_reply_count;
    after.held = held;

    if (!known || flipped || thread.top.activity > seen_until) {
      Comment top = thread.top.comment;
      if (held) top.hidden = true;  // the held listing may omit moderationStatus
      Emit(std::move(top));
    }
    const std::vector<ParsedComment>* replies = &thread.replies;
    std::vector<ParsedComment> fetched;
    // Threads embed only a few replies; the rest come from comments.list, fetched only when the
    // count moved so that an unchanged busy thread costs nothing.
    if (count_changed && thread.total_reply_count > static_cast<int>(thread.replies.size())) {
      auto complete = FetchReplies(thread, fetched);
      if (!complete) return complete.error();
      if (*complete) replies = &fetched;
    }
    std::vector<const ParsedComment*> in_window;
    int newer = 0;
    for (const ParsedComment& reply : *replies) {
      after.activity = std::max(after.activity, ToUnixSeconds(reply.activity));
      if (reply.activity < window_start_) continue;
      in_window.push_back(&reply);
      if (reply.activity > seen_until) ++newer;
    }
    // Normally only replies newer than what the thread showed before are new. If the count grew
    // by more than that, some reply turned up late with an older timestamp: send them all and let
    // storage drop the repeats.
    const bool send_all =
        !known || (count_changed && thread.total_reply_count - before.replies > newer);
    for (const ParsedComment* reply : in_window) {
      if (send_all || reply->activity > seen_until) Emit(reply->comment);
    }
    state_.threads[thread.id] = after;
    return true;
  }

  // Every reply of the thread into `out`. False when the thread or video no longer allows it
  // (skipped: the embedded replies stand in).
  Result<bool> FetchReplies(const ParsedThread& thread, std::vector<ParsedComment>& out) {
    std::optional<std::string> page_token;
    for (int pages = 0;; ++pages) {
      if (pages == kMaxPages) {
        return Error::Transient(fmt::format("account {}: youtube comments.list gave more than {} "
                                            "pages for thread {}",
                                            settings_.account_id, kMaxPages, thread.id));
      }
      ApiCall call = ListCall("comments.list", "comments");
      call.query = {{"part", "snippet"},
                    {"parentId", thread.id},
                    {"maxResults", "100"},
                    {"textFormat", "plainText"}};
      if (page_token) call.query.emplace_back("pageToken", *page_token);
      Reply reply = api_.Send(call);
      if (reply.failure) {
        if (SkipsOnlyThisThread(*reply.failure)) {
          log_.info("youtube replies skipped account={} thread={} video={} reason={}",
                    settings_.account_id, thread.id, thread.top.comment.post_id,
                    reply.failure->reason);
          out.clear();
          return false;
        }
        return api_.ToError(*reply.failure, call.name);
      }
      std::string reason;
      auto page = ReadPage(reply.json, reason);
      if (!page) return Unusable(call.name, reason);
      for (const Json& item : *page->items) {
        auto c = ParseComment(item, settings_.channel_id, thread.top.comment.post_id, reason);
        if (!c) {
          Skip(item, reason);
          continue;
        }
        if (!c->comment.parent_id) c->comment.parent_id = thread.id;
        out.push_back(std::move(*c));
      }
      if (!page->next_page_token) return true;
      if (page_token == page->next_page_token) {
        return Unusable(call.name, "the same nextPageToken came back twice");
      }
      page_token = page->next_page_token;
    }
  }

  // After a full scan: threads inside the window that neither listing showed are looked up by
  // id. Gone ones are reported deleted (by their author, rejected in YouTube Studio, or removed by
  // YouTube); ones that still exist (likely spam, say) are kept. The lookup, not the absence
  // alone, decides, because storage never revives a comment reported deleted.
  Result<void> ConfirmMissing() {
    std::vector<std::string> missing;
    for (const auto& [id, t] : state_.threads) {
      if (!seen_.contains(id) && FromUnixSeconds(t.published) >= window_start_) {
        missing.push_back(id);
      }
    }
    for (std::size_t i = 0; i < missing.size(); i += kIdsPerLookup) {
      std::string ids;
      const std::size_t end = std::min(missing.size(), i + kIdsPerLookup);
      for (std::size_t k = i; k < end; ++k) ids += (k == i ? "" : ",") + missing[k];
      ApiCall call = ListCall("commentThreads.list", "commentThreads");
      call.query = {{"part", "id"}, {"id", ids}};
      Reply reply = api_.Send(call);
      if (reply.failure) return api_.ToError(*reply.failure, call.name);
      std::string reason;
      auto page = ReadPage(reply.json, reason);
      if (!page) return Unusable(call.name, reason);
      std::set<std::string> found;
      for (const Json& item : *page->items) found.insert(ItemId(item));
      for (std::size_t k = i; k < end; ++k) {
        if (found.contains(missing[k])) continue;
        Comment gone;
        gone.platform_id = missing[k];
        gone.created_at = FromUnixSeconds(state_.threads[missing[k]].published);
        gone.deleted = true;
        Emit(std::move(gone));
        state_.threads.erase(missing[k]);
      }
    }
    return Ok();
  }

  void Prune() {
    const std::int64_t oldest = ToUnixSeconds(window_start_);
    std::erase_if(state_.threads,
                  [&](const auto& entry) { return entry.second.activity < oldest; });
    if (state_.threads.size() <= kMaxTrackedThreads) return;
    std::vector<std::pair<std::int64_t, std::string>> by_activity;
    for (const auto& [id, t] : state_.threads) by_activity.emplace_back(t.activity, id);
    std::sort(by_activity.begin(), by_activity.end());
    for (std::size_t i = 0; i < by_activity.size() - kMaxTrackedThreads; ++i) {
      state_.threads.erase(by_activity[i].second);
    }
  }

  void Emit(Comment c) {
    std::string id = c.platform_id;
    out_.insert_or_assign(std::move(id), std::move(c));
  }

  void Skip(const Json& item, const std::string& reason) {
    ++skipped_;
    log_.warn("youtube item skipped account={} id={} reason={}", settings_.account_id,
              ItemId(item), reason);
  }

  Error Unusable(std::string_view call, std::string_view reason) const {
    // An unreadable page could hide anything after it: fail the poll, keep the cursor.
    return Error::Transient(fmt::format("account {}: youtube {} answer unusable: {}",
                                        settings_.account_id, call, reason));
  }

  Api& api_;
  const Settings& settings_;
  spdlog::logger& log_;
  CursorState state_;
  const TimePoint now_;
  const TimePoint window_start_;
  const int keep_units_;
  bool full_ = false;
  bool read_held_ = false;
  bool listing_incomplete_ = false;  // a listing was refused: absence proves nothing
  TimePoint cut_;
  std::int64_t new_mark_ = 0;
  std::set<std::string> seen_;          // threads either listing showed in this poll
  std::map<std::string, Comment> out_;  // by platform id: a comment goes out once per poll
  int skipped_ = 0;
};

}  // namespace

Result<PollResult> PollChannel(Api& api, const Cursor& cursor, spdlog::logger& log) {
  auto state = DecodeCursor(cursor.value);
  if (!state) {
    // Starting over costs one full scan and re-sends the window (storage dedupes); refusing
    // would stop the account for good.
    log.warn("youtube cursor unreadable, scanning the look-back window again account={}",
             api.settings().account_id);
    state = CursorState{};
  }
  return Poller(api, std::move(*state), log).Run();
}

}  // namespace schoolmod::connectors::youtube
