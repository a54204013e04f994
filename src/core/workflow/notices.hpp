// How a workflow talks back to its caller while it runs (core never prints): informational notes
// and warnings as they happen, and what it touched, for the caller's audit record.
#pragma once
#include <functional>
#include <hush/error.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace hush {

// What a workflow touched: names and paths only, never values. Not thread-safe.
struct Touched {
  std::vector<std::string> secrets{};
  std::vector<std::string> files{};
  void note(const std::vector<std::string>& names, const std::vector<std::string>& paths) {
    secrets.insert(secrets.end(), names.begin(), names.end());
    files.insert(files.end(), paths.begin(), paths.end());
  }
};

// Where a workflow's messages go, in the order they arise. Either callback may be empty (the
// message is dropped). Messages hold names and paths, never a value.
struct Notices {
  std::function<void(std::string_view)> info{};
  std::function<void(std::string_view)> warn{};
  std::function<void(std::string_view)> note{};  // a decision worth knowing, not a problem
  std::function<void(const std::vector<Finding>&)> report{};  // findings, each with its snippet
  void say(std::string_view text) const {
    if (info) info(text);
  }
  void caution(std::string_view text) const {
    if (warn) warn(text);
  }
  void remark(std::string_view text) const {
    if (note) note(text);
  }
  void findings(const std::vector<Finding>& all) const {
    if (report) report(all);
  }
};

}  // namespace hush
