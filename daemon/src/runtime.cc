#include "runtime.h"

#include "ctl_sla.h"
#include "schoolmod/connectors/connector.h"

namespace schoolmod::daemon {

const moderation::SchoolCalendar* Runtime::calendar(const std::string& school_id) const {
  auto it = calendars.find(school_id);
  return it == calendars.end() ? nullptr : &it->second;
}

Result<std::shared_ptr<const Runtime>> BuildRuntime(config::Config config) {
  auto runtime = std::make_shared<Runtime>();
  for (const auto& school : config.schools) {
    for (const auto& account : school.accounts) {
      // check-config knows every platform's keys; this build may not have every connector yet.
      bool registered = false;
      for (const auto& entry : connectors::Registry()) {
        registered |= entry.platform == account.platform;
      }
      if (!registered) {
        return Error::InvalidInput("account " + account.id + ": this version of schoolmod has no " +
                                   account.platform + " connector yet");
      }
    }
    auto calendar = LoadSchoolCalendar(school);
    if (!calendar) return calendar.error();
    runtime->calendars.emplace(school.id, std::move(*calendar));
  }
  auto classifier = moderation::MakeClassifier(config.moderation);
  if (!classifier) return classifier.error();
  runtime->classifier = std::move(*classifier);
  runtime->config = std::move(config);
  return std::shared_ptr<const Runtime>(std::move(runtime));
}

}  // namespace schoolmod::daemon
