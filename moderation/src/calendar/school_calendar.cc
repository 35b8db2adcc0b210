#include "schoolmod/moderation/calendar.h"

#include <algorithm>
#include <array>
#include <exception>
#include <optional>
#include <utility>
#include <vector>

#include <date/tz.h>
#include <fmt/format.h>

#include "schoolmod/moderation/bank_holidays.h"

namespace schoolmod::moderation {
namespace {

using std::chrono::days;
using std::chrono::minutes;
using std::chrono::sys_days;
using std::chrono::year_month_day;

constexpr minutes kDay{24 * 60};

std::string FormatDate(year_month_day d) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()),
                     static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

// Closed ranges of days, sorted and merged so a lookup is one binary search.
using DayRanges = std::vector<std::pair<sys_days, sys_days>>;

DayRanges Merge(DayRanges ranges) {
  std::sort(ranges.begin(), ranges.end());
  DayRanges out;
  for (const auto& r : ranges) {
    if (!out.empty() && r.first <= out.back().second + days{1}) {
      out.back().second = std::max(out.back().second, r.second);
    } else {
      out.push_back(r);
    }
  }
  return out;
}

}  // namespace

std::string_view ToString(DayKind kind) {
  switch (kind) {
    case DayKind::kWorking: return "working day";
    case DayKind::kNonWorkingWeekday: return "non-working weekday";
    case DayKind::kBankHoliday: return "bank holiday";
    case DayKind::kSchoolHoliday: return "school holiday";
  }
  return "working day";
}

struct SchoolCalendar::Impl {
  std::string school_id;
  std::string timezone;
  const date::time_zone* zone = nullptr;  // owned by date's tzdb, lives for the process
  std::array<bool, 7> working_days{};     // [0] = Sunday
  minutes start{};
  minutes end{};
  config::BankHolidays nation = config::BankHolidays::kNone;
  std::vector<sys_days> extra_bank_holidays;  // sorted
  DayRanges closures;                         // school holidays and iCal closures, merged

  // The closure containing `d`, if any.
  const std::pair<sys_days, sys_days>* ClosureContaining(sys_days d) const {
    auto it = std::upper_bound(closures.begin(), closures.end(), d,
                               [](sys_days v, const auto& r) { return v < r.first; });
    if (it == closures.begin()) return nullptr;
    --it;
    return d <= it->second ? &*it : nullptr;
  }

  DayKind Classify(sys_days d) const {
    if (!working_days[std::chrono::weekday{d}.c_encoding()]) return DayKind::kNonWorkingWeekday;
    if (std::binary_search(extra_bank_holidays.begin(), extra_bank_holidays.end(), d) ||
        IsBankHoliday(nation, year_month_day{d})) {
      return DayKind::kBankHoliday;
    }
    if (ClosureContaining(d) != nullptr) return DayKind::kSchoolHoliday;
    return DayKind::kWorking;
  }

  TimePoint At(sys_days d, minutes time_of_day) const {
    const date::local_seconds local{d.time_since_epoch() + time_of_day};
    // Nonexistent local times (inside a spring-forward gap) map to the transition instant and
    // ambiguous ones (the repeated autumn hour) to the earlier instant; see calendar.h.
    return zone->to_sys(local, date::choose::earliest);
  }

  sys_days LocalDay(TimePoint t) const {
    const auto local = zone->to_local(t);
    return sys_days{std::chrono::floor<days>(local.time_since_epoch())};
  }
};

SchoolCalendar::SchoolCalendar(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

Result<SchoolCalendar> SchoolCalendar::Create(const config::School& school,
                                              std::span<const config::DateRange> closures) {
  auto fail = [&school](const std::string& what) {
    return Error::InvalidInput(fmt::format("school '{}': {}", school.id, what));
  };
  auto impl = std::make_shared<Impl>();
  impl->school_id = school.id;
  impl->timezone = school.timezone;
  try {
    impl->zone = date::locate_zone(school.timezone);
  } catch (const std::exception&) {
    // date/tz reports an unknown zone by throwing; its message adds nothing to ours.
    return fail(fmt::format("timezone '{}' is not a known time zone", school.timezone));
  }
  impl->working_days = school.working_days;
  if (std::none_of(school.working_days.begin(), school.working_days.end(),
                   [](bool b) { return b; })) {
    return fail("working_days names no day");
  }
  impl->start = school.working_hours.start;
  impl->end = school.working_hours.end;
  if (impl->start < minutes{0} || impl->end > kDay || impl->start >= impl->end) {
    return fail("working_hours must be start-end with 00:00 <= start < end <= 24:00");
  }
  impl->nation = school.bank_holidays;
  for (const auto& d : school.extra_bank_holidays) {
    if (!d.ok()) return fail("extra_bank_holidays has an invalid date");
    impl->extra_bank_holidays.push_back(sys_days{d});
  }
  std::sort(impl->extra_bank_holidays.begin(), impl->extra_bank_holidays.end());

  DayRanges ranges;
  auto add = [&](const config::DateRange& r, std::string_view key) -> std::optional<Error> {
    if (!r.first.ok() || !r.last.ok()) return fail(fmt::format("{} has an invalid date", key));
    if (sys_days{r.last} < sys_days{r.first}) {
      return fail(fmt::format("{} range {}..{} ends before it starts", key, FormatDate(r.first),
                              FormatDate(r.last)));
    }
    ranges.emplace_back(sys_days{r.first}, sys_days{r.last});
    return std::nullopt;
  };
  for (const auto& r : school.holidays) {
    if (auto e = add(r, "holidays")) return *e;
  }
  for (const auto& r : closures) {
    if (auto e = add(r, "holidays_ical")) return *e;
  }
  impl->closures = Merge(std::move(ranges));
  return SchoolCalendar(std::move(impl));
}

const std::string& SchoolCalendar::school_id() const { return impl_->school_id; }
const std::string& SchoolCalendar::timezone() const { return impl_->timezone; }

DayKind SchoolCalendar::Classify(year_month_day date) const {
  return impl_->Classify(sys_days{date});
}

bool SchoolCalendar::IsWorkingDay(year_month_day date) const {
  return Classify(date) == DayKind::kWorking;
}

year_month_day SchoolCalendar::NextWorkingDay(year_month_day date) const {
  sys_days d = sys_days{date} + days{1};
  // Terminates: Create guarantees a working weekday, closures are finite, and bank holidays
  // never cover every occurrence of a weekday.
  for (;;) {
    if (const auto* closure = impl_->ClosureContaining(d)) {
      d = closure->second + days{1};  // skip a long closure in one step
      continue;
    }
    if (impl_->Classify(d) == DayKind::kWorking) return year_month_day{d};
    d += days{1};
  }
}

year_month_day SchoolCalendar::LocalDate(TimePoint t) const {
  return year_month_day{impl_->LocalDay(t)};
}

Seconds SchoolCalendar::UtcOffset(TimePoint t) const {
  return impl_->zone->get_info(t).offset;
}

TimePoint SchoolCalendar::AtLocalTime(year_month_day date, minutes time_of_day) const {
  return impl_->At(sys_days{date}, time_of_day);
}

TimePoint SchoolCalendar::StartOfWorkingHours(year_month_day date) const {
  return impl_->At(sys_days{date}, impl_->start);
}

TimePoint SchoolCalendar::EndOfWorkingHours(year_month_day date) const {
  return impl_->At(sys_days{date}, impl_->end);
}

bool SchoolCalendar::IsWithinWorkingHours(TimePoint t) const {
  const auto date = LocalDate(t);
  return IsWorkingDay(date) && StartOfWorkingHours(date) <= t && t < EndOfWorkingHours(date);
}

TimePoint SchoolCalendar::NextWorkingPeriodStart(TimePoint t) const {
  const auto date = LocalDate(t);
  if (IsWorkingDay(date)) {
    const TimePoint start = StartOfWorkingHours(date);
    if (t < start) return start;
    if (t < EndOfWorkingHours(date)) return t;
  }
  return StartOfWorkingHours(NextWorkingDay(date));
}

}  // namespace schoolmod::moderation
