// hush/hush.hpp — everything an embedder needs, in one include. hush renders configs that hold
// references to secrets, with the values kept in secure memory from decryption to output:
//
//   #include <hush/hush.hpp>
//
//   hush::Template config = hush::Template::load("config.yaml");       // parse once
//   hush::SecretResolver resolver =
//       hush::ResolverBuilder()
//           .sidecar(hush::SidecarFile::open("config.secrets.yaml"),  // sealed values
//                    hush::KeyLookup::from_process_environment())      // HUSH_KEY, key files
//           .process_environment()
//           .build();
//   hush::Rendering out = hush::render(config, resolver);  // every problem as a finding
//   if (!out.ok()) { for (const hush::Finding& f : out.findings) log(hush::to_string(f)); }
//   else write(fd, out.text.reveal().data(), out.text.size());
//
//   hush::Redactor redactor(known);                         // mask values in logs
//   hush::CheckResult found = hush::Checker().check_text("x.yaml", text);  // leaked credentials
//
// The headers, one concept each:
//   hush/error.hpp     Error (thrown: kind, stable id, location), Finding (collected), Location
//   hush/secret.hpp    SecretValue and SecretBuffer: plaintext only ever in secure memory
//   hush/source.hpp    SecretSource: write your own source; the reveal registry
//   hush/redact.hpp    Redactor and RedactStream: mask values and their encodings in text
//   hush/template.hpp  Template: a parsed config and the references it holds
//   hush/keys.hpp      SidecarKey and KeyLookup: keypairs and where private keys come from
//   hush/sidecar.hpp   SidecarFile: the encrypted sidecar, listed and edited under a lock
//   hush/resolver.hpp  ResolverBuilder and SecretResolver: sources and their order
//   hush/render.hpp    render(): a Template and a SecretResolver to yaml, json or env text
//   hush/check.hpp     Checker: credential and config checks, JSON and SARIF reports
//
// Errors are hush::Error, whose message never holds a secret value. No header exposes a
// third-party type; link the hush_core library (C++20).
#pragma once
#include <hush/check.hpp>
#include <hush/error.hpp>
#include <hush/keys.hpp>
#include <hush/redact.hpp>
#include <hush/render.hpp>
#include <hush/resolver.hpp>
#include <hush/secret.hpp>
#include <hush/sidecar.hpp>
#include <hush/source.hpp>
#include <hush/template.hpp>
#include <string_view>

namespace hush {

// This library's version, e.g. "0.1.0". Thread-safe, constant.
[[nodiscard]] std::string_view version();

}  // namespace hush
