#pragma once

#include <chrono>
#include <string_view>
#include <vector>

#include "schoolmod/config/config.h"

// UK bank holidays, computed from the rules for any year. Pure: no I/O, no clock.
//
// The rules are the ones in force since 1978 (Banking and Financial Dealings Act 1971 plus the
// proclamations that added Early May and 2 January in Scotland, St Andrew's Day from 2007), applied
// to every year; earlier years are not modelled separately. A royal proclamation occasionally moves
// a computed holiday (1995, 2002, 2012, 2020, 2022); those moves are built in, because config can
// only add days. One-off extra days (jubilees, a coronation, a state funeral) are NOT built in: they
// come from the school's `extra_bank_holidays`.
namespace schoolmod::moderation {

struct BankHoliday {
  std::chrono::year_month_day date;
  // The holiday's usual English name ("Christmas Day"), also on its substitute day. Static storage.
  std::string_view name;
  // True when `date` is the weekday standing in for a holiday that fell at a weekend.
  bool substitute = false;
};

// Easter Sunday in the Gregorian calendar (anonymous Gregorian / Meeus-Jones-Butcher algorithm).
std::chrono::year_month_day EasterSunday(std::chrono::year year);

// The bank holidays of `nation` in `year`, sorted by date, each date once. kNone gives an empty list.
//   england-and-wales: New Year's Day, Good Friday, Easter Monday, Early May (first Monday of May),
//     Spring (last Monday of May), Summer (last Monday of August), Christmas Day, Boxing Day.
//   scotland: New Year's Day, 2 January, Good Friday, Early May, Spring, Summer (FIRST Monday of
//     August), St Andrew's Day (30 November), Christmas Day, Boxing Day. No Easter Monday.
//   northern-ireland: England and Wales's list plus St Patrick's Day (17 March) and the Battle of
//     the Boyne (12 July).
// A fixed-date holiday that falls on a Saturday or Sunday gets a substitute day: the next weekday
// that is not already a holiday (Christmas on Saturday: Monday 27th; Boxing Day on Sunday: Tuesday
// 28th). Only the substitute day is listed, not the weekend date itself.
std::vector<BankHoliday> BankHolidaysFor(config::BankHolidays nation, std::chrono::year year);

// True when `date` is one of BankHolidaysFor(nation, date.year()).
bool IsBankHoliday(config::BankHolidays nation, std::chrono::year_month_day date);

// "england-and-wales", "scotland", "northern-ireland", "none": the config spelling.
std::string_view ToString(config::BankHolidays nation);

}  // namespace schoolmod::moderation
