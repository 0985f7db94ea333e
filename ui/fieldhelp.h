// One sentence per dialog field on what it does and what the gateway receives, shown both as
// its tooltip (hover) and its What's This (Shift+F1), so mouse and keyboard users read the same.
#pragma once

#include <QString>
#include <QWidget>

namespace rd {

inline void setHelp(QWidget *field, const QString &text)
{
    field->setToolTip(text);
    field->setWhatsThis(text);
}

} // namespace rd
