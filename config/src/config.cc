#include "schoolmod/config/config.h"

namespace schoolmod::config {

const std::string& Account::setting(const std::string& key) const {
  static const std::string kEmpty;
  auto it = settings.find(key);
  return it == settings.end() ? kEmpty : it->second;
}

const Secret* Account::secret(const std::string& stem) const {
  auto it = secrets.find(stem);
  return it == secrets.end() ? nullptr : &it->second;
}

const School* Config::FindSchool(std::string_view id) const {
  for (const auto& school : schools) {
    if (school.id == id) return &school;
  }
  return nullptr;
}

std::pair<const School*, const Account*> Config::FindAccount(std::string_view id) const {
  for (const auto& school : schools) {
    for (const auto& account : school.accounts) {
      if (account.id == id) return {&school, &account};
    }
  }
  return {nullptr, nullptr};
}

}  // namespace schoolmod::config
