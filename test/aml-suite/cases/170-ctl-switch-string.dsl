/*
 * Intel ACPI Component Architecture
 * AML/ASL+ Disassembler version 20200925 (64-bit version)
 * Copyright (c) 2000 - 2020 Intel Corporation
 * 
 * Disassembling to symbolic ASL+ operators
 *
 * Disassembly of 170-ctl-switch-string.aml, Tue Nov 24 05:42:23 2026
 *
 * Original Table Header:
 *     Signature        "DSDT"
 *     Length           0x00000071 (113)
 *     Revision         0x02
 *     Checksum         0xFA
 *     OEM ID           "FWLAB"
 *     OEM Table ID     "AMLSUITE"
 *     OEM Revision     0x00000001 (1)
 *     Compiler ID      "INTL"
 *     Compiler Version 0x20200925 (538970405)
 */
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (SW, 1, Serialized)
    {
        Switch (ToString (Arg0, Ones))
        {
            Case ("abc")
            {
                Return (One)
            }
            Case ("def")
            {
                Return (0x02)
            }

        }

        Return (Zero)
    }

    Method (MAIN, 0, NotSerialized)
    {
        Return (SW ("def"))
    }
}

