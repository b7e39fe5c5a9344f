#pragma once

#include <memory>
#include <string>
#include <vector>

#include <curl/curl.h>

// RAII owners of libcurl handles (internal to the HTTP module: curl never leaks into a public
// header).
namespace gator::http::detail {

struct EasyDeleter {
  void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
struct MultiDeleter {
  void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

using CurlEasy = std::unique_ptr<CURL, EasyDeleter>;
using CurlMulti = std::unique_ptr<CURLM, MultiDeleter>;
using CurlSlist = std::unique_ptr<curl_slist, SlistDeleter>;

// Builds a header list from "Name: value" lines; throws std::bad_alloc when curl cannot.
[[nodiscard]] inline CurlSlist make_slist(const std::vector<std::string>& lines) {
  curl_slist* list = nullptr;
  for (const std::string& line : lines) {
    curl_slist* next = curl_slist_append(list, line.c_str());
    if (next == nullptr) {
      curl_slist_free_all(list);
      throw std::bad_alloc();
    }
    list = next;
  }
  return CurlSlist(list);
}

}  // namespace gator::http::detail
