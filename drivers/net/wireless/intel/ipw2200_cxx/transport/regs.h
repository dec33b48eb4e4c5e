/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: transport/regs.h - the 2200BG/2915ABG host interface, as numbers
 *
 * Register offsets, bits and message layouts of the adapter (the facts are
 * those of the hardware reference the project keeps; nothing here is
 * behaviour).  BAR0 offsets are direct; "SRAM" and the 0x2xxxxx/0x3xxxxx
 * addresses are reached through the indirect window (transport/hw.h).
 */
#pragma once

#include <kcxx/types.h>

namespace ipw::regs {

using kcxx::u32;
using kcxx::u8;

/* BAR0 control and status registers. */
constexpr kcxx::size_t bar0_size = 0x1000;
constexpr u32 inta_rw = 0x008;
constexpr u32 inta_mask = 0x00c;
constexpr u32 indirect_addr = 0x010;
constexpr u32 indirect_data = 0x014;
constexpr u32 autoinc_addr = 0x018;
constexpr u32 autoinc_data = 0x01c;
constexpr u32 reset_reg = 0x020;
constexpr u32 gp_cntrl = 0x024;
constexpr u32 radio_status = 0x030;
constexpr u32 flush_read = 0x090;
/* IBSS station table (12.7): 32 entries of 8 bytes (MAC, reserved, support mode). */
constexpr u32 station_table = 0xc0c;
constexpr unsigned int max_stations = 32;
constexpr u32 read_int_register = 0xff4;

/* reset_reg bits */
constexpr u32 reset_princeton = 0x00000001;
constexpr u32 reset_sw = 0x00000080;
constexpr u32 reset_master_disabled = 0x00000100;
constexpr u32 reset_stop_master = 0x00000200;

/* gp_cntrl bits */
constexpr u32 gp_clock_ready = 0x1;
constexpr u32 gp_host_allows_standby = 0x2;
constexpr u32 gp_init_done = 0x4;

/* radio_status: bit 16 set = radio allowed, clear = hardware kill switch on */
constexpr u32 radio_allowed = 0x00010000;

/* read_int_register: low-level PLL activation */
constexpr u32 pll_activate = 0x20000000;

/* Interrupt bits (inta_rw / inta_mask). */
namespace inta {
constexpr u32 rx_transfer = 0x00000002;
constexpr u32 status_change = 0x00000010;
constexpr u32 beacon_period_expired = 0x00000020;
constexpr u32 tx_cmd_queue = 0x00000800;
constexpr u32 tx_queue_1 = 0x00001000; /* data ring 0; rings 1..3 follow */
constexpr u32 tx_queues = 0x0000f000;
constexpr u32 slave_mode_host_cmd_done = 0x00010000;
constexpr u32 prepare_for_power_down = 0x00100000;
constexpr u32 power_down = 0x00200000;
constexpr u32 fw_init_done = 0x01000000;
constexpr u32 phy_off_done = 0x02000000;
constexpr u32 rf_kill_done = 0x04000000;
constexpr u32 fatal_error = 0x40000000;
constexpr u32 parity_error = 0x80000000;
constexpr u32 mask_all = 0xc531f832;
constexpr u32 mask_off = ~mask_all;
} // namespace inta

/* BAR0 shared memory: rings. */
constexpr u32 cmd_bd_base = 0x200;
constexpr u32 cmd_bd_size = 0x204;
constexpr u32 txq_bd_base(unsigned int q)
{
	return 0x208 + 8 * q;
}
constexpr u32 txq_bd_size(unsigned int q)
{
	return 0x20c + 8 * q;
}
constexpr u32 cmd_read_index = 0x280;
constexpr u32 txq_read_index(unsigned int q)
{
	return 0x284 + 4 * q;
}
constexpr u32 rx_read_index = 0x2a0;
constexpr u32 ordinals_table_1 = 0x384;
constexpr u32 ordinals_table_2 = 0x388;
constexpr u32 rfd_slot(unsigned int n)
{
	return 0x500 + 4 * n;
}
constexpr u32 error_log = 0x610;
constexpr u32 event_log = 0x614;
constexpr u32 ordinals_table_0 = 0x700;
constexpr u32 eeprom_load_disable = 0xa1c;
constexpr u32 eeprom_image = 0xa20;
constexpr u32 cmd_write_index = 0xf80;
constexpr u32 txq_write_index(unsigned int q)
{
	return 0xf84 + 4 * q;
}
constexpr u32 rx_write_index = 0xfa0;
constexpr u32 shared_lower = 0x200;
constexpr u32 shared_upper = 0x1000;

/* Indirect address space. */
constexpr u32 sram_size = 0x30000;
constexpr u32 sram_dma_cb = 0x27000;
constexpr u32 dino_control = 0x200000;
constexpr u32 dino_rx_fifo = 0x200004;
constexpr u32 dino_control_store = 0x200010;
constexpr u32 event_reg = 0x300004;
/* Event register LED bits, and the bits the LED update always writes back as 0. */
constexpr u32 event_led_activity = 0x10;
constexpr u32 event_led_associated = 0x20;
constexpr u32 event_led_ofdm = 0x40;
constexpr u32 event_led_clear = (1u << 2) | (1u << 25) | (1u << 26) | (1u << 29);
constexpr u32 eeprom_port = 0x300040;
constexpr u32 dma_cb_base = 0x3000a0;
constexpr u32 dma_control = 0x3000a4;
constexpr u32 dma_current_cb = 0x3000d0;
constexpr u32 mem_halt_and_reset = 0x3000e0;

constexpr u8 dino_enable_system = 0x80;
constexpr u8 dino_enable_cs = 0x40;
constexpr u8 dino_rxfifo_data = 0x01;
constexpr u32 halt_reset_on = 0x80000000;
constexpr u32 dma_start = 0x00540100;
constexpr u32 dma_stop_and_abort = 0x00540c00;

/* DMA command blocks. */
constexpr u32 cb_control = 0x8cea0000; /* valid, LE, autoinc, long sizes */
constexpr u32 cb_max_length = 0x1fff;
constexpr unsigned int cb_max_blocks = 64;

/* EEPROM Microwire port bits. */
constexpr u32 ee_sk = 0x01;
constexpr u32 ee_cs = 0x02;
constexpr u32 ee_di = 0x04;
constexpr u32 ee_do = 0x10;
constexpr unsigned int eeprom_bytes = 256;
constexpr unsigned int ee_mac = 0x42;
constexpr unsigned int ee_version = 0x49;
constexpr unsigned int ee_nic_type = 0x4a;
constexpr unsigned int ee_sku = 0x4b;
constexpr unsigned int ee_country = 0x4c;

/* Rings. */
constexpr unsigned int cmd_ring_size = 8;
constexpr unsigned int tx_ring_size = 64;
constexpr unsigned int tx_rings = 4;
constexpr unsigned int rx_ring_size = 32;
constexpr unsigned int rx_buf_size = 3000;
constexpr unsigned int tfd_size = 128;

/* TFD and RX packet header. */
constexpr u8 tfd_host_command = 0x01;
constexpr u8 tfd_need_irq = 0x04;
constexpr unsigned int cmd_payload_max = 120;
constexpr u8 rx_frame_type = 0x09;
constexpr u8 rx_notification_type = 0x03;
constexpr unsigned int rx_frame_header = 28;
constexpr unsigned int rx_notification_header = 16;

/* Ordinals. */
constexpr u32 ord_table_mask = 0xff00;
constexpr u32 ord_table_0 = 0xf000;
constexpr u32 ord_table_2 = 0xf200;
constexpr u32 ord_fw_version = ord_table_2 | 1;
constexpr u32 ord_fw_date = ord_table_2 | 2;
constexpr u32 ord_ucode_version = ord_table_2 | 3;

} // namespace ipw::regs
