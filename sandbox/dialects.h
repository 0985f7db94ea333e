// Factories for the five dialect handlers (one source file each).
#pragma once

#include "dialecthandler.h"

#include <memory>

namespace rd::sandbox {

std::unique_ptr<DialectHandler> makeStripeHandler(Store &store);
std::unique_ptr<DialectHandler> makeWooshPayHandler(Store &store);
std::unique_ptr<DialectHandler> makeChargebeeHandler(Store &store);
std::unique_ptr<DialectHandler> makeProcessOutHandler(Store &store);
std::unique_ptr<DialectHandler> makeIntaSendHandler(Store &store);

} // namespace rd::sandbox
