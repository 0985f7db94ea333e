<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>rd::MainWindow</name>
    <message numerus="yes">
        <source>Exported %n row(s) to %1.</source>
        <translation>
            <numerusform>Exported %n row to %1.</numerusform>
            <numerusform>Exported %n rows to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refund request(s) awaiting approval</source>
        <translation>
            <numerusform>%n refund request awaiting approval</numerusform>
            <numerusform>%n refund requests awaiting approval</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rd::SyncController</name>
    <message numerus="yes">
        <source>Sync finished: %n account(s) up to date.</source>
        <translation>
            <numerusform>Sync finished: %n account up to date.</numerusform>
            <numerusform>Sync finished: %n accounts up to date.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rd::SyncStatusBar</name>
    <message numerus="yes">
        <source>Synced %1; %n account(s) not synced yet</source>
        <translation>
            <numerusform>Synced %1; %n account not synced yet</numerusform>
            <numerusform>Synced %1; %n accounts not synced yet</numerusform>
        </translation>
    </message>
</context>
</TS>
