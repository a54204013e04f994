// What one run of a command leaves behind besides its output: the names and paths it touched
// (its audit record) and the structured events of --log-file. Names and locations only, never
// values. One per process; not thread-safe.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "core/log/console.hpp"
#include "core/workflow/notices.hpp"

namespace hush {

class RunJournal {
 public:
  RunJournal() = default;
  RunJournal(const RunJournal&) = delete;
  RunJournal& operator=(const RunJournal&) = delete;

  [[nodiscard]] Touched& touched() { return m_touched; }
  [[nodiscard]] const Touched& touched() const { return m_touched; }
  void log_event(std::string event, std::vector<std::pair<std::string, std::string>> fields) {
    m_events.push_back({std::move(event), std::move(fields)});
  }
  // Appends the run's record (events, the console's diagnostics and counts, timing) to `path` as
  // text lines or, with `format` "json", one JSON object; the text passes the console's
  // redactor. Error(io, "log-failed") when it cannot be written.
  void write_log(const std::string& path, const std::string& format, const std::string& command,
                 int exit_status, long long duration_ms, Console& console) const;

 private:
  struct LogEvent {
    std::string event;
    std::vector<std::pair<std::string, std::string>> fields;
  };
  Touched m_touched;
  std::vector<LogEvent> m_events;
};

}  // namespace hush
