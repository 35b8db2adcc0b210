#pragma once

#include <map>
#include <memory>
#include <string>

#include "schoolmod/config/config.h"
#include "schoolmod/moderation/calendar.h"
#include "schoolmod/moderation/classifier.h"
#include "schoolmod/result.h"

namespace schoolmod::daemon {

// Everything derived from one loaded config: the config itself, each school's calendar and the
// classifier with the school's word lists. Immutable; a reload builds a new one and swaps it in,
// so a job that started on the old config finishes on it.
struct Runtime {
  config::Config config;
  std::map<std::string, moderation::SchoolCalendar> calendars;  // by school id
  std::unique_ptr<moderation::Classifier> classifier;

  const moderation::SchoolCalendar* calendar(const std::string& school_id) const;
};

// Reads each school's holidays_ical file (the only I/O) and builds the calendars and the
// classifier. Errors name the school and the file.
Result<std::shared_ptr<const Runtime>> BuildRuntime(config::Config config);

}  // namespace schoolmod::daemon
