// tests/support/environment.hpp — an injected hush::Environment from a name/value map (through
// Environment::from_block, as main builds it), so tests never call setenv.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/base/environment.hpp"

namespace hush::test {

inline std::shared_ptr<const Environment> environment_of(
    const std::map<std::string, std::string>& variables) {
  std::vector<std::string> entries;
  for (const auto& [name, value] : variables) entries.push_back(name + "=" + value);
  std::vector<const char*> block;
  for (const std::string& entry : entries) block.push_back(entry.c_str());
  block.push_back(nullptr);
  return std::make_shared<const Environment>(Environment::from_block(block.data()));
}

}  // namespace hush::test
