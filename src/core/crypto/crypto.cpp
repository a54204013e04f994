#include "core/crypto/crypto.hpp"

#include <sodium.h>

#include <algorithm>
#include <hush/error.hpp>
#include <new>
#include <tuple>
#include <utility>

#include "core/base/names.hpp"
#include "core/base/text.hpp"

namespace hush {
namespace {

constexpr std::string_view k_seal_magic{"hush2\0", 6};
constexpr std::string_view k_legacy_seal_magic{"hush1\0", 6};
constexpr std::string_view k_fields_magic{"hushf1\0", 7};
constexpr std::size_t k_max_generated = 4096;

// The accepted KDF range is libsodium's minimum up to what KdfStrength::moderate writes.
static_assert(k_kdf_min_opslimit == crypto_pwhash_OPSLIMIT_MIN);
static_assert(k_kdf_min_memlimit == crypto_pwhash_MEMLIMIT_MIN);
static_assert(k_kdf_max_opslimit == crypto_pwhash_OPSLIMIT_MODERATE);
static_assert(k_kdf_max_memlimit == crypto_pwhash_MEMLIMIT_MODERATE);

// Plaintext being assembled or decrypted lives here, not in a std::string: sodium_malloc memory
// is locked and wiped on release, and never reallocated behind our back.
class SecureBuffer {
 public:
  explicit SecureBuffer(std::size_t size) : m_size(size) {
    ensure_sodium();
    m_data = static_cast<unsigned char*>(sodium_malloc(size == 0 ? 1 : size));
    if (m_data == nullptr) throw std::bad_alloc();
  }
  ~SecureBuffer() { sodium_free(m_data); }
  SecureBuffer(const SecureBuffer&) = delete;
  SecureBuffer& operator=(const SecureBuffer&) = delete;
  [[nodiscard]] unsigned char* data() { return m_data; }
  [[nodiscard]] std::size_t size() const { return m_size; }
  [[nodiscard]] std::string_view view() const {
    return {reinterpret_cast<const char*>(m_data), m_size};
  }
  // Appends `bytes` at the write cursor (the buffer was sized for everything appended).
  void append(std::string_view bytes) {
    std::copy(bytes.begin(), bytes.end(), m_data + m_used);
    m_used += bytes.size();
  }

 private:
  unsigned char* m_data = nullptr;
  std::size_t m_size = 0;
  std::size_t m_used = 0;
};

const unsigned char* bytes_of(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

void check_public_key(std::string_view public_key) {
  if (public_key.size() != k_key_bytes) {
    throw Error(ErrorKind::key, "invalid-key",
                "public key has " + std::to_string(public_key.size()) + " bytes, expected " +
                    std::to_string(k_key_bytes));
  }
}

[[noreturn]] void tampered(const std::string& name, const std::string& reason) {
  throw Error(ErrorKind::tampered, "tampered-value",
              "secret " + name + " was tampered with: " + reason +
                  "; restore the file from version control or set the value again");
}

// Splits the next "\0"-terminated field off `rest`; nullopt when there is no terminator.
std::optional<std::string_view> next_field(std::string_view& rest) {
  const std::size_t end = rest.find('\0');
  if (end == std::string_view::npos) return std::nullopt;
  const std::string_view field = rest.substr(0, end);
  rest.remove_prefix(end + 1);
  return field;
}

bool is_plain_type(std::string_view text) {
  return !text.empty() && text.size() <= 32 && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || c == '-';
  });
}

std::vector<std::string> sorted(std::vector<std::string> items) {
  std::sort(items.begin(), items.end());
  return items;
}

std::vector<std::string> split_scopes(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    out.emplace_back(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
  }
  return out;
}

// A hush1 header ("hush1\0" already removed): name, version and scopes, NUL-terminated. Nullopt
// when truncated or the version is not a number as hush1 wrote it.
std::optional<SealBinding> legacy_header(std::string_view& rest) {
  const std::optional<std::string_view> name = next_field(rest);
  const std::optional<std::string_view> version = next_field(rest);
  const std::optional<std::string_view> scopes = next_field(rest);
  if (!name || !version || !scopes) return std::nullopt;
  SealBinding out{.name = std::string(*name), .scopes = split_scopes(*scopes)};
  if (version->empty() || version->size() > 19 ||
      !std::all_of(version->begin(), version->end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  for (const char c : *version) {
    out.version = out.version * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (std::to_string(out.version) != *version) return std::nullopt;  // as hush1 wrote it
  return out;
}

// Reads one length-prefixed chunk off `rest`; nullopt when `rest` is too short.
std::optional<std::string_view> take_chunk(std::string_view& rest) {
  if (rest.size() < 4) return std::nullopt;
  std::size_t length = 0;
  for (int i = 0; i < 4; ++i) length = (length << 8) | static_cast<unsigned char>(rest[i]);
  rest.remove_prefix(4);
  if (rest.size() < length) return std::nullopt;
  const std::string_view chunk = rest.substr(0, length);
  rest.remove_prefix(length);
  return chunk;
}

std::optional<std::uint64_t> take_number(std::string_view& rest, int bytes) {
  if (rest.size() < static_cast<std::size_t>(bytes)) return std::nullopt;
  std::uint64_t value = 0;
  for (int i = 0; i < bytes; ++i) value = (value << 8) | static_cast<unsigned char>(rest[i]);
  rest.remove_prefix(static_cast<std::size_t>(bytes));
  return value;
}

// A count and that many chunks; nullopt when `rest` is too short.
std::optional<std::vector<std::string>> take_list(std::string_view& rest) {
  const std::optional<std::uint64_t> count = take_number(rest, 4);
  if (!count || *count > rest.size()) return std::nullopt;
  std::vector<std::string> out;
  for (std::uint64_t i = 0; i < *count; ++i) {
    const std::optional<std::string_view> item = take_chunk(rest);
    if (!item) return std::nullopt;
    out.emplace_back(*item);
  }
  return out;
}

// A hush2 header ("hush2\0" already removed); nullopt when truncated.
std::optional<SealBinding> header(std::string_view& rest) {
  const std::optional<std::string_view> name = take_chunk(rest);
  const std::optional<std::uint64_t> version = name ? take_number(rest, 8) : std::nullopt;
  const std::optional<std::string_view> type = version ? take_chunk(rest) : std::nullopt;
  std::optional<std::vector<std::string>> scopes = type ? take_list(rest) : std::nullopt;
  std::optional<std::vector<std::string>> fields = scopes ? take_list(rest) : std::nullopt;
  if (!fields) return std::nullopt;
  return SealBinding{.name = std::string(*name),
                     .version = *version,
                     .scopes = std::move(*scopes),
                     .type = std::string(*type),
                     .fields = std::move(*fields)};
}

// Compares what a value was sealed for with where it is found.
void check_binding(const SealBinding& sealed, const SealBinding& binding, SealFormat format,
                   BindingCheck check) {
  if (sealed.name != binding.name) {
    tampered(binding.name, !secret_name_problem(sealed.name)
                               ? "its ciphertext belongs to secret " + sealed.name
                               : "its ciphertext belongs to another secret");
  }
  if (sealed.version != binding.version) {
    tampered(binding.name,
             "its ciphertext does not belong to version " + std::to_string(binding.version));
  }
  if (check == BindingCheck::name_and_version) return;
  if (sorted(sealed.scopes) != sorted(binding.scopes)) {
    tampered(binding.name, "its ciphertext was sealed for other scopes than [" +
                               join(binding.scopes, ", ") + "]");
  }
  if (format == SealFormat::hush1) return;  // hush1 binds no type and no fields
  if (sealed.type != binding.type) {
    tampered(binding.name,
             is_plain_type(sealed.type)
                 ? "its ciphertext was sealed as type " + sealed.type + ", not " + binding.type
                 : "its ciphertext was sealed as another type than " + binding.type);
  }
  if (sorted(sealed.fields) != sorted(binding.fields)) {
    tampered(binding.name, "its ciphertext was sealed for other fields than [" +
                               join(binding.fields, ", ") + "]");
  }
}

// Decodes the header of an opened plaintext of `format`, checks it, and returns the payload.
std::string_view verified_payload(std::string_view plain, SealFormat format,
                                  const SealBinding& binding, BindingCheck check,
                                  SealBinding& sealed) {
  const bool current = format == SealFormat::hush2;
  const std::string_view magic = current ? k_seal_magic : k_legacy_seal_magic;
  if (!plain.starts_with(magic)) {
    tampered(binding.name, current ? "its enc:v2 ciphertext does not hold a hush2 plaintext"
                                   : "its enc:v1 ciphertext does not hold a hush1 plaintext");
  }
  std::string_view rest = plain.substr(magic.size());
  std::optional<SealBinding> decoded = current ? header(rest) : legacy_header(rest);
  if (!decoded) tampered(binding.name, "its plaintext header is truncated or malformed");
  check_binding(*decoded, binding, format, check);
  sealed = std::move(*decoded);
  return rest;
}

void put_number(SecureBuffer& out, std::uint64_t value, int bytes) {
  char digits[8] = {};
  for (int i = 0; i < bytes; ++i) {
    digits[i] = static_cast<char>((value >> (8 * (bytes - 1 - i))) & 0xff);
  }
  out.append(std::string_view(digits, static_cast<std::size_t>(bytes)));
}

void put_length(SecureBuffer& out, std::size_t length) { put_number(out, length, 4); }

void put_chunk(SecureBuffer& out, std::string_view bytes) {
  put_length(out, bytes.size());
  out.append(bytes);
}

// The size of the hush2 header of `binding`.
std::size_t header_size(const SealBinding& binding) {
  std::size_t size = k_seal_magic.size() + 4 + binding.name.size() + 8 + 4 + binding.type.size();
  for (const std::vector<std::string>* list : {&binding.scopes, &binding.fields}) {
    size += 4;
    for (const std::string& item : *list) size += 4 + item.size();
  }
  return size;
}

std::pair<std::uint64_t, std::uint64_t> limits_for(KdfStrength strength) {
  switch (strength) {
    case KdfStrength::minimum:
      return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
    case KdfStrength::interactive:
      return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
    case KdfStrength::moderate:
      break;
  }
  return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}

void check_kdf(const KdfParams& params) {
  const bool ok = params.salt.size() == crypto_pwhash_SALTBYTES &&
                  params.opslimit >= k_kdf_min_opslimit && params.opslimit <= k_kdf_max_opslimit &&
                  params.memlimit >= k_kdf_min_memlimit && params.memlimit <= k_kdf_max_memlimit;
  if (!ok) {
    throw Error(ErrorKind::invalid_input, "invalid-kdf",
                "kdf parameters are out of range: salt must be " +
                    std::to_string(crypto_pwhash_SALTBYTES) + " bytes, opslimit " +
                    std::to_string(k_kdf_min_opslimit) + " to " +
                    std::to_string(k_kdf_max_opslimit) + ", memlimit " +
                    std::to_string(k_kdf_min_memlimit) + " to " +
                    std::to_string(k_kdf_max_memlimit) + " bytes");
  }
}

}  // namespace

Keypair generate_keypair() {
  ensure_sodium();
  unsigned char public_key[crypto_box_PUBLICKEYBYTES];
  SecureBuffer private_key(crypto_box_SECRETKEYBYTES);
  crypto_box_keypair(public_key, private_key.data());
  return {std::string(reinterpret_cast<const char*>(public_key), sizeof public_key),
          SecretValue(private_key.view())};
}

Keypair keypair_from_private(SecretValue private_key) {
  ensure_sodium();
  if (private_key.size() != k_key_bytes) {
    throw Error(ErrorKind::key, "invalid-key",
                "private key has " + std::to_string(private_key.size()) + " bytes, expected " +
                    std::to_string(k_key_bytes));
  }
  unsigned char public_key[crypto_box_PUBLICKEYBYTES];
  crypto_scalarmult_base(public_key, bytes_of(private_key.reveal()));
  return {std::string(reinterpret_cast<const char*>(public_key), sizeof public_key),
          std::move(private_key)};
}

KdfParams new_kdf_params(KdfStrength strength) {
  ensure_sodium();
  KdfParams params;
  params.salt.resize(crypto_pwhash_SALTBYTES);
  randombytes_buf(params.salt.data(), params.salt.size());
  std::tie(params.opslimit, params.memlimit) = limits_for(strength);
  return params;
}

Keypair derive_keypair(const SecretValue& passphrase, const KdfParams& params) {
  ensure_sodium();
  check_kdf(params);
  if (passphrase.empty()) {
    throw Error(ErrorKind::invalid_input, "empty-passphrase", "the passphrase is empty");
  }
  SecureBuffer seed(crypto_box_SEEDBYTES);
  const std::string_view phrase = passphrase.reveal();
  if (crypto_pwhash(seed.data(), seed.size(), phrase.data(), phrase.size(), bytes_of(params.salt),
                    params.opslimit, static_cast<std::size_t>(params.memlimit),
                    crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw Error(ErrorKind::key, "kdf-failed",
                "Argon2id could not derive the key (needs " + std::to_string(params.memlimit) +
                    " bytes of memory)");
  }
  unsigned char public_key[crypto_box_PUBLICKEYBYTES];
  SecureBuffer private_key(crypto_box_SECRETKEYBYTES);
  crypto_box_seed_keypair(public_key, private_key.data(), seed.data());
  return {std::string(reinterpret_cast<const char*>(public_key), sizeof public_key),
          SecretValue(private_key.view())};
}

std::string key_id_for(std::string_view public_key) {
  ensure_sodium();
  unsigned char hash[crypto_generichash_BYTES];
  crypto_generichash(hash, sizeof hash, bytes_of(public_key), public_key.size(), nullptr, 0);
  char hex[2 * 8 + 1];
  sodium_bin2hex(hex, sizeof hex, hash, 8);
  return "hk_" + std::string(hex);
}

std::string to_base64(std::string_view bytes) {
  ensure_sodium();
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes_of(bytes), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the encoder writes a terminating NUL
  return out;
}

std::optional<std::string> from_base64(std::string_view text) {
  ensure_sodium();
  std::string out(text.size(), '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

SecretValue secret_to_base64(const SecretValue& bytes) {
  const std::string_view raw = bytes.reveal();
  SecureBuffer out(sodium_base64_ENCODED_LEN(raw.size(), sodium_base64_VARIANT_ORIGINAL));
  sodium_bin2base64(reinterpret_cast<char*>(out.data()), out.size(), bytes_of(raw), raw.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  return SecretValue(out.view().substr(0, out.size() - 1));
}

std::optional<SecretValue> secret_from_base64(std::string_view text) {
  SecureBuffer out(text.size());
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length, &end,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  return SecretValue(out.view().substr(0, length));
}

std::optional<SealFormat> seal_format_of(std::string_view ciphertext) {
  if (ciphertext.starts_with(k_ciphertext_prefix)) return SealFormat::hush2;
  if (ciphertext.starts_with(k_legacy_ciphertext_prefix)) return SealFormat::hush1;
  return std::nullopt;
}

std::string seal_value(const SecretValue& payload, const SealBinding& binding,
                       std::string_view public_key) {
  check_public_key(public_key);
  SecureBuffer plain(header_size(binding) + payload.size());
  plain.append(k_seal_magic);
  put_chunk(plain, binding.name);
  put_number(plain, binding.version, 8);
  put_chunk(plain, binding.type);
  for (const std::vector<std::string>* list : {&binding.scopes, &binding.fields}) {
    put_length(plain, list->size());
    for (const std::string& item : sorted(*list)) put_chunk(plain, item);
  }
  plain.append(payload.reveal());
  std::string sealed(plain.size() + crypto_box_SEALBYTES, '\0');
  crypto_box_seal(reinterpret_cast<unsigned char*>(sealed.data()), plain.data(), plain.size(),
                  bytes_of(public_key));
  return std::string(k_ciphertext_prefix) + to_base64(sealed);
}

OpenedValue open_value(std::string_view ciphertext, const SealBinding& binding, const Keypair& keys,
                       BindingCheck check) {
  check_public_key(keys.public_key);
  const std::optional<SealFormat> format = seal_format_of(ciphertext);
  if (!format) tampered(binding.name, "its value is not an enc:v2 or enc:v1 ciphertext");
  const std::optional<std::string> sealed =
      from_base64(ciphertext.substr(k_ciphertext_prefix.size()));
  if (!sealed || sealed->size() < crypto_box_SEALBYTES + k_seal_magic.size()) {
    tampered(binding.name, "its ciphertext is not valid base64 of a sealed box");
  }
  SecureBuffer plain(sealed->size() - crypto_box_SEALBYTES);
  if (crypto_box_seal_open(plain.data(), bytes_of(*sealed), sealed->size(),
                           bytes_of(keys.public_key), bytes_of(keys.private_key.reveal())) != 0) {
    tampered(binding.name, "its ciphertext does not open with key " + key_id_for(keys.public_key));
  }
  OpenedValue out{.format = *format};
  out.payload = SecretValue(verified_payload(plain.view(), *format, binding, check, out.sealed));
  return out;
}

SecretValue encode_fields(const std::vector<NamedSecret>& fields) {
  std::vector<const NamedSecret*> sorted;
  std::size_t total = k_fields_magic.size();
  for (const NamedSecret& field : fields) {
    sorted.push_back(&field);
    total += 8 + field.name.size() + field.value.size();
  }
  std::sort(sorted.begin(), sorted.end(),
            [](const NamedSecret* a, const NamedSecret* b) { return a->name < b->name; });
  SecureBuffer out(total);
  out.append(k_fields_magic);
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (i > 0 && sorted[i]->name == sorted[i - 1]->name) {
      throw Error(ErrorKind::invalid_input, "duplicate-field",
                  "field " + sorted[i]->name + " is given more than once");
    }
    put_length(out, sorted[i]->name.size());
    out.append(sorted[i]->name);
    put_length(out, sorted[i]->value.size());
    out.append(sorted[i]->value.reveal());
  }
  return SecretValue(out.view());
}

std::optional<std::vector<NamedSecret>> decode_fields(std::string_view payload) {
  if (!payload.starts_with(k_fields_magic)) return std::nullopt;
  std::string_view rest = payload.substr(k_fields_magic.size());
  std::vector<NamedSecret> fields;
  while (!rest.empty()) {
    const std::optional<std::string_view> name = take_chunk(rest);
    const std::optional<std::string_view> value = name ? take_chunk(rest) : std::nullopt;
    if (!value) return std::nullopt;
    if (!fields.empty() && fields.back().name >= *name) return std::nullopt;  // not canonical
    fields.push_back({std::string(*name), SecretValue(*value)});
  }
  return fields;
}

std::optional<std::string_view> charset_alphabet(std::string_view name) {
  if (name == "alnum") return "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  if (name == "hex") return "0123456789abcdef";
  if (name == "base64url") {
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  }
  if (name == "ascii") {
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
           "!#%+,-./:;=?@^_~";
  }
  return std::nullopt;
}

SecretValue generate_secret(std::size_t length, std::string_view charset) {
  if (length == 0 || length > k_max_generated) {
    throw Error(ErrorKind::invalid_input, "invalid-length",
                "a generated secret must have 1 to " + std::to_string(k_max_generated) +
                    " characters, not " + std::to_string(length));
  }
  const std::optional<std::string_view> alphabet = charset_alphabet(charset);
  if (!alphabet) {
    throw Error(
        ErrorKind::usage, "invalid-charset",
        "unknown charset " + std::string(charset) + " (use alnum, hex, base64url or ascii)");
  }
  SecureBuffer out(length);
  for (std::size_t i = 0; i < length; ++i) {
    out.data()[i] = static_cast<unsigned char>(
        (*alphabet)[randombytes_uniform(static_cast<std::uint32_t>(alphabet->size()))]);
  }
  return SecretValue(out.view());
}

}  // namespace hush
