/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ipw2200.h: the interface between the C glue (module, PCI and PM tables)
 * and the C++ driver.  Plain C, read by both.
 */
#ifndef IPW2200_CXX_H
#define IPW2200_CXX_H

#ifdef __cplusplus
extern "C" {
#endif

/* Module parameters (legacy names), validated by the glue before use. */
struct ipw2200_cxx_params {
	int mode;    /* 0 BSS, 1 IBSS, 2 monitor: selects the firmware */
	int disable; /* 1: radio off */
	int antenna; /* 0 diversity, 1 main, 2 slow diversity, 3 aux */
	unsigned int cmd_timeout_ms;
	int hwcrypto; /* 1: the firmware does WEP and CCMP */
	int led;      /* 1: drive the LEDs (event register) */
};

int ipw2200_cxx_module_init(void);
void ipw2200_cxx_module_exit(void);
/* pdev: struct pci_dev *; 0 or a negative errno. */
int ipw2200_cxx_probe(void *pdev, const struct ipw2200_cxx_params *params);
void ipw2200_cxx_remove(void *pdev);
int ipw2200_cxx_suspend(void *pdev);
int ipw2200_cxx_resume(void *pdev);

#ifdef __cplusplus
}
#endif

#endif /* IPW2200_CXX_H */
