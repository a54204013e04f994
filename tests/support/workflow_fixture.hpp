// tests/support/workflow_fixture.hpp — a sidecar on disk with its keypair, notices that record
// what a workflow says, and the store opened on it, shared by the workflow tests.
#pragma once
#include <string>
#include <vector>

#include "core/crypto/crypto.hpp"
#include "core/workflow/sidecar_store.hpp"
#include "support/sidecar_fixture.hpp"
#include "support/temp_dir.hpp"

namespace hush::test {

// Records what a workflow says, in order, as "info: …" and "warning: …".
struct Recorder {
  std::vector<std::string> said;
  Notices notices{
      .info = [this](std::string_view text) { said.push_back("info: " + std::string(text)); },
      .warn = [this](std::string_view text) { said.push_back("warning: " + std::string(text)); },
      .report =
          [this](const std::vector<Finding>& all) {
            for (const Finding& f : all) said.push_back("finding: " + f.rule);
          }};
};

inline SidecarQuery named(std::string path) {
  SidecarQuery query;
  query.explicit_path = std::move(path);
  return query;
}

inline KeySupply key_from(const Keypair& keys) {
  KeySupply supply;
  supply.inputs.key_base64 = secret_to_base64(keys.private_key);
  return supply;
}

// dir/s.yaml: an empty sidecar for `keys`.
struct StoreFixture {
  TempDir dir;
  Keypair keys = generate_keypair();
  Recorder recorder;
  Touched touched;
  StoreFixture() { save_sidecar(path(), empty_sidecar(keys)); }
  [[nodiscard]] std::filesystem::path path() const { return dir / "s.yaml"; }
  // The store with the private key at hand (or without any key).
  [[nodiscard]] SidecarStore open(bool with_key = true) {
    return SidecarStore::open(named(path().string()), with_key ? key_from(keys) : KeySupply{},
                              recorder.notices, touched);
  }
};

}  // namespace hush::test
