#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "calendar_fixtures.h"
#include "schoolmod/moderation/bank_holidays.h"

namespace schoolmod::moderation {
namespace {

using config::BankHolidays;
using std::chrono::sys_days;
using std::chrono::year;
using testing::Date;

std::string Iso(std::chrono::year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(d.year()), unsigned(d.month()),
                unsigned(d.day()));
  return buf;
}

std::vector<std::string> Dates(BankHolidays nation, int y) {
  std::vector<std::string> out;
  for (const auto& h : BankHolidaysFor(nation, year{y})) out.push_back(Iso(h.date));
  return out;
}

using List = std::vector<std::string>;

TEST_CASE("Easter Sunday matches published dates", "[calendar][bank_holidays]") {
  const std::vector<std::pair<int, std::string>> known{
      {1818, "1818-03-22"}, {1886, "1886-04-25"}, {1943, "1943-04-25"}, {2000, "2000-04-23"},
      {2008, "2008-03-23"}, {2011, "2011-04-24"}, {2019, "2019-04-21"}, {2024, "2024-03-31"},
      {2025, "2025-04-20"}, {2026, "2026-04-05"}, {2027, "2027-03-28"}, {2028, "2028-04-16"},
      {2038, "2038-04-25"}, {2285, "2285-03-22"}};
  for (const auto& [y, expected] : known) {
    INFO(y);
    CHECK(Iso(EasterSunday(year{y})) == expected);
  }
}

TEST_CASE("Easter Sunday is a Sunday between 22 March and 25 April", "[calendar][bank_holidays]") {
  for (int y = 1583; y <= 4099; ++y) {
    const auto easter = EasterSunday(year{y});
    INFO(y);
    REQUIRE(easter.ok());
    REQUIRE(std::chrono::weekday{sys_days{easter}} == std::chrono::Sunday);
    REQUIRE(sys_days{easter} >= sys_days{Date(y, 3, 22)});
    REQUIRE(sys_days{easter} <= sys_days{Date(y, 4, 25)});
  }
}

TEST_CASE("England and Wales bank holidays", "[calendar][bank_holidays]") {
  const auto ew = BankHolidays::kEnglandAndWales;
  // gov.uk/bank-holidays, minus the one-off extra days (those come from extra_bank_holidays):
  // 2022's 3 June jubilee and 19 September funeral, 2023's 8 May coronation.
  CHECK(Dates(ew, 2020) == List{"2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08",
                                "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28"});
  CHECK(Dates(ew, 2021) == List{"2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03",
                                "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28"});
  CHECK(Dates(ew, 2022) == List{"2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02",
                                "2022-06-02", "2022-08-29", "2022-12-26", "2022-12-27"});
  CHECK(Dates(ew, 2023) == List{"2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01",
                                "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26"});
  CHECK(Dates(ew, 2024) == List{"2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06",
                                "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26"});
  CHECK(Dates(ew, 2025) == List{"2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05",
                                "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"});
  CHECK(Dates(ew, 2026) == List{"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04",
                                "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"});
  CHECK(Dates(ew, 2027) == List{"2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03",
                                "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"});
  CHECK(Dates(ew, 2028) == List{"2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01",
                                "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26"});
}

TEST_CASE("Scotland bank holidays", "[calendar][bank_holidays]") {
  const auto sc = BankHolidays::kScotland;
  // 1 Jan on a Sunday: 2 January keeps Monday, New Year's Day takes Tuesday.
  CHECK(Dates(sc, 2017) == List{"2017-01-02", "2017-01-03", "2017-04-14", "2017-05-01",
                                "2017-05-29", "2017-08-07", "2017-11-30", "2017-12-25",
                                "2017-12-26"});
  CHECK(Dates(sc, 2021) == List{"2021-01-01", "2021-01-04", "2021-04-02", "2021-05-03",
                                "2021-05-31", "2021-08-02", "2021-11-30", "2021-12-27",
                                "2021-12-28"});
  CHECK(Dates(sc, 2022) == List{"2022-01-03", "2022-01-04", "2022-04-15", "2022-05-02",
                                "2022-06-02", "2022-08-01", "2022-11-30", "2022-12-26",
                                "2022-12-27"});
  // St Andrew's Day on a Sunday: Monday 1 December.
  CHECK(Dates(sc, 2025) == List{"2025-01-01", "2025-01-02", "2025-04-18", "2025-05-05",
                                "2025-05-26", "2025-08-04", "2025-12-01", "2025-12-25",
                                "2025-12-26"});
  CHECK(Dates(sc, 2026) == List{"2026-01-01", "2026-01-02", "2026-04-03", "2026-05-04",
                                "2026-05-25", "2026-08-03", "2026-11-30", "2026-12-25",
                                "2026-12-28"});
  CHECK(Dates(sc, 2027) == List{"2027-01-01", "2027-01-04", "2027-03-26", "2027-05-03",
                                "2027-05-31", "2027-08-02", "2027-11-30", "2027-12-27",
                                "2027-12-28"});
  CHECK(Dates(sc, 2028) == List{"2028-01-03", "2028-01-04", "2028-04-14", "2028-05-01",
                                "2028-05-29", "2028-08-07", "2028-11-30", "2028-12-25",
                                "2028-12-26"});
}

TEST_CASE("Northern Ireland bank holidays", "[calendar][bank_holidays]") {
  const auto ni = BankHolidays::kNorthernIreland;
  // St Patrick's Day on a Sunday: Monday 18 March.
  CHECK(Dates(ni, 2024) == List{"2024-01-01", "2024-03-18", "2024-03-29", "2024-04-01",
                                "2024-05-06", "2024-05-27", "2024-07-12", "2024-08-26",
                                "2024-12-25", "2024-12-26"});
  // Battle of the Boyne on a Saturday: Monday 14 July.
  CHECK(Dates(ni, 2025) == List{"2025-01-01", "2025-03-17", "2025-04-18", "2025-04-21",
                                "2025-05-05", "2025-05-26", "2025-07-14", "2025-08-25",
                                "2025-12-25", "2025-12-26"});
  // Battle of the Boyne on a Sunday: Monday 13 July.
  CHECK(Dates(ni, 2026) == List{"2026-01-01", "2026-03-17", "2026-04-03", "2026-04-06",
                                "2026-05-04", "2026-05-25", "2026-07-13", "2026-08-31",
                                "2026-12-25", "2026-12-28"});
  CHECK(Dates(ni, 2027) == List{"2027-01-01", "2027-03-17", "2027-03-26", "2027-03-29",
                                "2027-05-03", "2027-05-31", "2027-07-12", "2027-08-30",
                                "2027-12-27", "2027-12-28"});
}

TEST_CASE("substitute days carry the holiday's name", "[calendar][bank_holidays]") {
  SECTION("Boxing Day on a Saturday (2026): Christmas keeps Friday, Boxing Day takes Monday") {
    const auto list = BankHolidaysFor(BankHolidays::kEnglandAndWales, year{2026});
    REQUIRE(list.size() == 8);
    CHECK(list[6].name == "Christmas Day");
    CHECK_FALSE(list[6].substitute);
    CHECK(Iso(list[7].date) == "2026-12-28");
    CHECK(list[7].name == "Boxing Day");
    CHECK(list[7].substitute);
  }
  SECTION("Christmas on a Sunday (2022): Boxing Day keeps Monday, Christmas takes Tuesday") {
    const auto list = BankHolidaysFor(BankHolidays::kEnglandAndWales, year{2022});
    REQUIRE(list.size() == 8);
    CHECK(Iso(list[6].date) == "2022-12-26");
    CHECK(list[6].name == "Boxing Day");
    CHECK_FALSE(list[6].substitute);
    CHECK(Iso(list[7].date) == "2022-12-27");
    CHECK(list[7].name == "Christmas Day");
    CHECK(list[7].substitute);
  }
  SECTION("Christmas on a Saturday (2027): Monday 27th and Tuesday 28th") {
    const auto list = BankHolidaysFor(BankHolidays::kEnglandAndWales, year{2027});
    REQUIRE(list.size() == 8);
    CHECK(list[6].name == "Christmas Day");
    CHECK(list[6].substitute);
    CHECK(list[7].name == "Boxing Day");
    CHECK(list[7].substitute);
  }
}

TEST_CASE("every year has the right number of distinct weekday holidays",
          "[calendar][bank_holidays]") {
  const std::vector<std::pair<BankHolidays, std::size_t>> nations{
      {BankHolidays::kEnglandAndWales, 8},
      {BankHolidays::kScotland, 9},
      {BankHolidays::kNorthernIreland, 10}};
  for (const auto& [nation, count] : nations) {
    for (int y = 1980; y <= 2200; ++y) {
      const auto list = BankHolidaysFor(nation, year{y});
      INFO(ToString(nation) << " " << y);
      REQUIRE(list.size() == count);
      for (std::size_t i = 0; i < list.size(); ++i) {
        const std::chrono::weekday wd{sys_days{list[i].date}};
        REQUIRE(wd != std::chrono::Saturday);
        REQUIRE(wd != std::chrono::Sunday);
        REQUIRE(list[i].date.year() == year{y});
        if (i > 0) REQUIRE(sys_days{list[i - 1].date} < sys_days{list[i].date});
      }
    }
  }
}

TEST_CASE("IsBankHoliday and the none nation", "[calendar][bank_holidays]") {
  CHECK(IsBankHoliday(BankHolidays::kEnglandAndWales, Date(2026, 12, 28)));
  CHECK_FALSE(IsBankHoliday(BankHolidays::kEnglandAndWales, Date(2026, 12, 26)));  // Saturday
  CHECK(IsBankHoliday(BankHolidays::kEnglandAndWales, Date(2026, 4, 6)));
  CHECK_FALSE(IsBankHoliday(BankHolidays::kScotland, Date(2026, 4, 6)));  // no Easter Monday
  CHECK(IsBankHoliday(BankHolidays::kScotland, Date(2026, 8, 3)));
  CHECK_FALSE(IsBankHoliday(BankHolidays::kScotland, Date(2026, 8, 31)));
  CHECK(IsBankHoliday(BankHolidays::kNorthernIreland, Date(2026, 3, 17)));
  CHECK_FALSE(IsBankHoliday(BankHolidays::kEnglandAndWales, Date(2026, 3, 17)));
  CHECK(BankHolidaysFor(BankHolidays::kNone, year{2026}).empty());
  CHECK_FALSE(IsBankHoliday(BankHolidays::kNone, Date(2026, 12, 25)));
  CHECK(ToString(BankHolidays::kNorthernIreland) == "northern-ireland");
}

}  // namespace
}  // namespace schoolmod::moderation
